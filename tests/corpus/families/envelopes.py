"""Envelopes carrying secret documents, and the round marks that look like their letter mark.

Decree 26/2020 Art. 4.1.b: a document at Tối mật goes in an envelope stamped with the letter B,
at Mật with C; at Tuyệt mật in two envelopes, the outer one stamped A (the inner one carries the
document's number, the recipient and "CHỈ NGƯỜI CÓ TÊN MỚI ĐƯỢC BÓC BÌ"). TT24/2020 Form 03 is
that mark: one capital letter inside a small circle, in red ink.

    items(rng, scale) -> list[Item]

Positives: photos (JPEG: on a desk, tilted in perspective, lit unevenly) and scans (image-only
PDF, in colour or as a grey photocopy) of outer envelopes at each level, with the mark wherever a
clerk puts it, and inner Tuyệt mật envelopes that bear an A. Hard negatives: an ordinary
envelope (a postmark, postcode boxes), an envelope sealed with the agency's round seal, a signed
letter with its seal, quiz sheets with circled answers, forms with circled numbers, letterheads
and envelopes with a logo of a letter in a ring, a receipt with a round "ĐÃ THU TIỀN" stamp.

The drawing helpers (`mark_layer`, `seal_layer`, `stamp_on`, `envelope_page`, …) are used by the
unit tests of `bmnn/scanner/engine/extract/envelope.py` too.
"""

from __future__ import annotations

import io
import math
import random
from dataclasses import dataclass, field
from typing import Any

from tests.corpus.scanner_corpus import AGENCIES, FONTS, Item

FAMILY = "envelope"
LETTER_LEVEL = {"A": "tuyet_mat", "B": "toi_mat", "C": "mat"}
LEVEL_LETTER = {level: letter for letter, level in LETTER_LEVEL.items()}
RED_INKS = [(200, 20, 20), (185, 30, 45), (215, 50, 40), (170, 25, 35), (225, 70, 70)]
PAPERS = [(250, 250, 247), (246, 244, 236), (214, 186, 140), (238, 228, 196), (232, 236, 240)]
DESKS = [(96, 72, 52), (130, 100, 70), (60, 62, 66), (150, 140, 128), (40, 38, 36)]
PEOPLE = [
    "Trần Văn Bình",
    "Nguyễn Thị Hoa",
    "Lê Minh Tuấn",
    "Phạm Quốc Hùng",
    "Đỗ Thu Hà",
    "Vũ Đức Thắng",
    "Hoàng Thị Lan",
]
TITLES = [
    "Giám đốc Sở Nội vụ",
    "Chánh Văn phòng UBND tỉnh",
    "Trưởng phòng An ninh chính trị nội bộ",
    "Chủ tịch UBND huyện Đông Sơn",
    "Trưởng Ban Tổ chức Tỉnh ủy",
    "Giám đốc Sở Tài chính",
]
STREETS = [
    "số 12 đường Lê Lợi, phường Tân Phú",
    "số 4 đường Trần Hưng Đạo, phường Bắc Sơn",
    "số 88 đường Hùng Vương, thị trấn Đông Sơn",
    "số 27 đường Nguyễn Trãi, phường Hòa Bình",
]


def font(size: float, *, bold: bool = False, serif: bool = False) -> Any:
    from PIL import ImageFont

    name = ("DejaVuSerif-Bold" if serif else "DejaVuSans-Bold") if bold else "DejaVuSans"
    return ImageFont.truetype(str(FONTS / f"{name}.ttf"), max(6, int(size)))


# --- marks and their look-alikes, each drawn as a grey layer (0 = full ink) -------------------


def _layer(size: int) -> tuple[Any, Any]:
    from PIL import Image, ImageDraw

    layer = Image.new("L", (size, size), 255)
    return layer, ImageDraw.Draw(layer)


def _centred_text(draw: Any, centre: tuple[float, float], text: str, face: Any) -> None:
    left, top, right, bottom = draw.textbbox((0, 0), text, font=face)
    x = centre[0] - (left + right) / 2
    y = centre[1] - (top + bottom) / 2
    draw.text((x, y), text, fill=0, font=face)


def mark_layer(
    letter: str, diameter: int, *, ring: float = 0.07, fill: float = 0.6, serif: bool = False
) -> Any:
    """TT24 Form 03: a capital letter in a thin circle. `ring` is the outline's width and
    `fill` the letter's height, both as shares of the diameter."""
    size = diameter + 8
    layer, draw = _layer(size)
    width = max(2, round(ring * diameter))
    draw.ellipse((4, 4, 4 + diameter, 4 + diameter), outline=0, width=width)
    face = font(fill * diameter * 1.37, bold=True, serif=serif)  # cap height ≈ 0.73 em
    _centred_text(draw, (size / 2, size / 2), letter, face)
    return layer


def _text_around(layer: Any, text: str, radius: float, face: Any, start: float = -90.0) -> None:
    """Capitals along a circle, upright towards the centre, as on a round seal."""
    from PIL import Image, ImageDraw

    step = 360.0 / max(len(text), 1)
    centre = layer.width / 2
    for index, char in enumerate(text):
        if char == " ":
            continue
        angle = start + index * step
        box = ImageDraw.Draw(layer).textbbox((0, 0), char, font=face)
        glyph = Image.new("L", (int(box[2]) + 4, int(box[3]) + 4), 0)
        ImageDraw.Draw(glyph).text((2, 2), char, fill=255, font=face)
        glyph = glyph.rotate(-angle - 90, expand=True, resample=Image.Resampling.BICUBIC)
        x = centre + radius * math.cos(math.radians(angle)) - glyph.width / 2
        y = centre + radius * math.sin(math.radians(angle)) - glyph.height / 2
        ink = Image.new("L", glyph.size, 0)
        layer.paste(ink, (int(x), int(y)), glyph)


def _star(draw: Any, centre: tuple[float, float], radius: float) -> None:
    points = []
    for index in range(10):
        r = radius if index % 2 == 0 else radius * 0.4
        angle = math.radians(-90 + index * 36)
        points.append((centre[0] + r * math.cos(angle), centre[1] + r * math.sin(angle)))
    draw.polygon(points, fill=0)


def seal_layer(diameter: int, agency: str, parent: str, *, centre: str = "star") -> Any:
    """An agency's round seal: double outline, the names around, a star or a name inside."""
    size = diameter + 8
    layer, draw = _layer(size)
    edge = 4
    draw.ellipse(
        (edge, edge, edge + diameter, edge + diameter), outline=0, width=max(3, diameter // 40)
    )
    inner = diameter * 0.2
    draw.ellipse(
        (edge + inner, edge + inner, edge + diameter - inner, edge + diameter - inner),
        outline=0,
        width=max(2, diameter // 80),
    )
    text = f"{parent} * {agency} * "
    _text_around(layer, text, diameter * 0.4, font(diameter * 0.075, bold=True))
    middle = (size / 2, size / 2)
    if centre == "star":
        _star(draw, middle, diameter * 0.16)
    else:
        words = agency.split()
        half = (len(words) + 1) // 2
        face = font(diameter * 0.07, bold=True)
        _centred_text(draw, (middle[0], middle[1] - diameter * 0.06), " ".join(words[:half]), face)
        _centred_text(draw, (middle[0], middle[1] + diameter * 0.06), " ".join(words[half:]), face)
    return layer


def postmark_layer(diameter: int, rng: random.Random) -> Any:
    """A post office's round date stamp: the office's name around, the date across the middle."""
    size = diameter + 8
    layer, draw = _layer(size)
    draw.ellipse((4, 4, 4 + diameter, 4 + diameter), outline=0, width=max(2, diameter // 45))
    _text_around(layer, "BƯU ĐIỆN BẮC LÂM  ", diameter * 0.38, font(diameter * 0.09, bold=True))
    date = f"{rng.randint(1, 28):02d}.{rng.randint(1, 12):02d}.26"
    _centred_text(draw, (size / 2, size / 2), date, font(diameter * 0.13, bold=True))
    return layer


def paid_layer(diameter: int, rng: random.Random) -> Any:
    """A round "ĐÃ THU TIỀN" stamp with a date under the words."""
    size = diameter + 8
    layer, draw = _layer(size)
    draw.ellipse((4, 4, 4 + diameter, 4 + diameter), outline=0, width=max(2, diameter // 30))
    face = font(diameter * 0.14, bold=True)
    _centred_text(draw, (size / 2, size * 0.36), "ĐÃ THU", face)
    _centred_text(draw, (size / 2, size * 0.53), "TIỀN", face)
    date = f"{rng.randint(1, 28):02d}/{rng.randint(1, 12):02d}/2026"
    _centred_text(draw, (size / 2, size * 0.7), date, font(diameter * 0.09))
    return layer


def logo_layer(diameter: int, text: str, *, disc: bool = False, ring: float = 0.12) -> Any:
    """A logo: letters in a thick ring, or white letters on a full disc."""
    from PIL import ImageChops

    size = diameter + 8
    layer, draw = _layer(size)
    box = (4, 4, 4 + diameter, 4 + diameter)
    face = font(diameter * (0.55 if len(text) == 1 else 0.34), bold=True, serif=len(text) == 1)
    if disc:
        draw.ellipse(box, fill=0)
        letters, letters_draw = _layer(size)
        _centred_text(letters_draw, (size / 2, size / 2), text, face)
        return ImageChops.invert(ImageChops.lighter(ImageChops.invert(layer), letters))
    draw.ellipse(box, outline=0, width=max(3, round(ring * diameter)))
    _centred_text(draw, (size / 2, size / 2), text, face)
    return layer


def hand_loop(width: int, height: int, rng: random.Random, pen: int = 4) -> Any:
    """A pen loop drawn by hand around something: uneven, a little open or overlapping."""
    from PIL import ImageDraw

    size = max(width, height) + 4 * pen + 8
    layer, _ = _layer(size)
    draw = ImageDraw.Draw(layer)
    cx, cy = size / 2, size / 2
    turns = rng.uniform(0.92, 1.12)
    wobble = [rng.uniform(-0.06, 0.06) for _ in range(4)]
    points = []
    for step in range(int(120 * turns) + 1):
        t = 2 * math.pi * step / 120
        scale = 1 + wobble[0] * math.sin(2 * t) + wobble[1] * math.cos(3 * t) + t * wobble[2] / 6
        points.append((cx + scale * width / 2 * math.cos(t), cy + scale * height / 2 * math.sin(t)))
    draw.line(points, fill=0, width=pen, joint="curve")
    return layer


def stamp_on(
    page: Any,
    layer: Any,
    centre: tuple[float, float],
    colour: tuple[int, int, int],
    rng: random.Random,
    *,
    angle: float | None = None,
    wear: float = 0.15,
) -> None:
    """Ink a grey layer onto the page around `centre`: turned a little, worn in places,
    multiplied into the paper (ink over ink darkens, as on paper)."""
    from PIL import Image, ImageChops, ImageFilter

    turn = rng.uniform(-8, 8) if angle is None else angle
    layer = layer.rotate(turn, resample=Image.Resampling.BICUBIC, expand=True, fillcolor=255)
    if wear > 0:  # worn ink: speckles of paper inside the strokes
        noise = Image.effect_noise(layer.size, 60).point(
            lambda v: 255 if v > 255 * (1 - wear) else 0
        )
        layer = ImageChops.lighter(layer, noise.filter(ImageFilter.MinFilter(3)))
    layer = layer.filter(ImageFilter.GaussianBlur(0.6))
    ink = Image.new("RGB", layer.size, colour)
    white = Image.new("RGB", layer.size, (255, 255, 255))
    tinted = Image.composite(white, ink, layer)
    x, y = int(centre[0] - layer.width / 2), int(centre[1] - layer.height / 2)
    region = page.crop((x, y, x + layer.width, y + layer.height))
    page.paste(ImageChops.multiply(region, tinted), (x, y))


# --- envelopes and pages ----------------------------------------------------------------------


@dataclass
class Sheet:
    """A drawn envelope or page, with where its text is (to keep stamps off it)."""

    image: Any
    ppm: float  # pixels per millimetre
    boxes: list[tuple[float, float, float, float]] = field(default_factory=list)

    def write(
        self,
        xy: tuple[float, float],
        text: str,
        size_mm: float,
        *,
        bold: bool = False,
        colour: tuple[int, int, int] = (25, 25, 30),
        anchor: str = "la",
    ) -> None:
        from PIL import ImageDraw

        draw = ImageDraw.Draw(self.image)
        face = font(size_mm * self.ppm, bold=bold)
        position = (xy[0] * self.ppm, xy[1] * self.ppm)
        draw.text(position, text, fill=colour, font=face, anchor=anchor)
        self.boxes.append(draw.textbbox(position, text, font=face, anchor=anchor))

    def free(self, centre: tuple[float, float], radius: float) -> bool:
        x, y = centre[0] * self.ppm, centre[1] * self.ppm
        r = radius * self.ppm
        if x - r < 0 or y - r < 0 or x + r > self.image.width or y + r > self.image.height:
            return False
        return all(x + r < b[0] or x - r > b[2] or y + r < b[1] or y - r > b[3] for b in self.boxes)


ENVELOPE_SIZES = [(220, 110), (229, 162), (250, 176), (240, 125)]


def envelope_page(rng: random.Random, *, inner: bool = False, ppm: float = 8.0) -> Sheet:
    """The front of an official envelope: the sender top left with the document's number,
    postcode boxes or a stamp box top right, "Kính gửi" and the address lower right."""
    from PIL import Image, ImageDraw

    width, height = rng.choice(ENVELOPE_SIZES)
    paper = rng.choice(PAPERS)
    sheet = Sheet(Image.new("RGB", (int(width * ppm), int(height * ppm)), paper), ppm)
    parent, agency, code = rng.choice(AGENCIES)
    number = f"Số: {rng.randint(1, 450)}/{rng.choice(['CV', 'KH', 'BC', 'TTr'])}-{code}"
    person, title = rng.choice(PEOPLE), rng.choice(TITLES)
    if inner:
        sheet.write((12, 12), number, 4.2, bold=True)
        sheet.write((12, 22), f"Người nhận: đồng chí {person}", 4.0)
        sheet.write((12, 30), title, 3.6)
        _named_recipient_stamp(sheet, rng)
        return sheet
    left = rng.uniform(8, 14)
    y = rng.uniform(8, 12)
    if rng.random() < 0.35:
        sheet.write((left, y), "Nơi gửi:", 3.2)
        y += 5
    for text, size, bold in ((parent, 3.4, False), (agency, 3.6, True), (number, 3.4, False)):
        sheet.write((left, y), text, size, bold=bold)
        y += 5.2
    if rng.random() < 0.5:
        sheet.write((left, y), f"Địa chỉ: {rng.choice(STREETS)}", 3.0)
    draw = ImageDraw.Draw(sheet.image)
    if rng.random() < 0.5:  # postcode boxes, top right
        for index in range(6):
            x0 = (width - 12 - 6 * 7 + index * 7) * ppm
            draw.rectangle((x0, 10 * ppm, x0 + 6 * ppm, 17 * ppm), outline=(200, 40, 40), width=2)
        sheet.boxes.append(((width - 56) * ppm, 9 * ppm, (width - 10) * ppm, 18 * ppm))
    else:  # the box for the postage stamp
        box = ((width - 38) * ppm, 8 * ppm, (width - 10) * ppm, 40 * ppm)
        draw.rectangle(box, outline=(120, 120, 120), width=2)
        sheet.boxes.append(box)
    x = width * rng.uniform(0.4, 0.5)
    y = height * rng.uniform(0.55, 0.62)
    sheet.write((x, y), f"Kính gửi: {title}", 4.2, bold=rng.random() < 0.5)
    sheet.write((x + 6, y + 7), f"Đồng chí {person}", 4.0)
    sheet.write((x + 6, y + 13.5), f"Địa chỉ: {rng.choice(STREETS)}", 3.4)
    sheet.write((x + 6, y + 19), "tỉnh Bắc Lâm", 3.4)
    for line in range(3):  # dotted address lines some envelopes have printed
        if rng.random() < 0.3:
            yy = (y + 6 + 6.5 * line) * ppm
            for dot in range(int(x * ppm), int((width - 10) * ppm), 6):
                draw.point((dot, yy), fill=(110, 110, 110))
    return sheet


def _named_recipient_stamp(sheet: Sheet, rng: random.Random) -> None:
    from PIL import ImageDraw

    ppm = sheet.ppm
    text = "CHỈ NGƯỜI CÓ TÊN MỚI ĐƯỢC BÓC BÌ"
    face = font(4.0 * ppm, bold=True)
    width, height = sheet.image.size
    x0, y0 = width * 0.5 - 40 * ppm, height * rng.uniform(0.5, 0.62)
    draw = ImageDraw.Draw(sheet.image)
    length = draw.textlength(text, font=face)
    box = (x0 - 3 * ppm, y0 - 2.5 * ppm, x0 + length + 3 * ppm, y0 + 7 * ppm)
    colour = rng.choice(RED_INKS)
    draw.rectangle(box, outline=colour, width=max(2, int(0.5 * ppm)))
    draw.text((x0, y0), text, fill=colour, font=face)
    sheet.boxes.append(box)


def place_mark(
    sheet: Sheet,
    letter: str,
    rng: random.Random,
    *,
    diameter_mm: float | None = None,
    colour: tuple[int, int, int] | None = None,
) -> tuple[float, float, float]:
    """Stamp the letter mark where a clerk would: under the sender's block, top centre, left of
    "Kính gửi", the lower left; on a free spot. Returns the centre and diameter (pixels)."""
    width = sheet.image.width / sheet.ppm
    height = sheet.image.height / sheet.ppm
    diameter = diameter_mm or rng.uniform(10, 19)
    # most clerks leave room around the mark; some stamp it close to a line of text
    clearance = rng.choice([0.75, 0.75, 0.75, 0.62])
    spots = [
        (0.18, 0.45),
        (0.5, 0.2),
        (0.3, 0.6),
        (0.12, 0.8),
        (0.62, 0.3),
        (0.85, 0.5),
        (0.22, 0.3),
    ]
    rng.shuffle(spots)
    for fx, fy in spots * 3:
        centre = (width * fx + rng.uniform(-8, 8), height * fy + rng.uniform(-6, 6))
        if sheet.free(centre, diameter * clearance):
            break
    else:
        centre = (width * 0.5, height * 0.4)
    layer = mark_layer(
        letter,
        int(diameter * sheet.ppm),
        ring=rng.uniform(0.05, 0.09),
        fill=rng.uniform(0.5, 0.66),
        serif=rng.random() < 0.3,
    )
    pixel_centre = (centre[0] * sheet.ppm, centre[1] * sheet.ppm)
    stamp_on(
        sheet.image,
        layer,
        pixel_centre,
        colour or rng.choice(RED_INKS),
        rng,
        angle=rng.uniform(-12, 12),
        wear=rng.uniform(0.0, 0.2),
    )
    r = diameter * sheet.ppm / 2
    sheet.boxes.append(
        (pixel_centre[0] - r, pixel_centre[1] - r, pixel_centre[0] + r, pixel_centre[1] + r)
    )
    return pixel_centre[0], pixel_centre[1], 2 * r


def a4_page(
    lines: list[tuple[str, float, bool]],
    rng: random.Random,
    ppm: float = 8.0,
    left_mm: float = 22.0,
    top_mm: float = 18.0,
    pitch_mm: float = 7.5,
) -> Sheet:
    """A white A4 page with lines of text (text, size in mm, bold)."""
    from PIL import Image

    sheet = Sheet(Image.new("RGB", (int(210 * ppm), int(297 * ppm)), (252, 252, 250)), ppm)
    y = top_mm
    for text, size, bold in lines:
        if text:
            sheet.write((left_mm, y), text, size, bold=bold)
        y += pitch_mm
    return sheet


def signed_letter(rng: random.Random, ppm: float = 8.0) -> Sheet:
    """A signed letter: the header, a body, the signature with the agency's red seal on it."""
    parent, agency, code = rng.choice(AGENCIES)
    lines = [
        (parent, 3.8, False),
        (agency, 4.0, True),
        (f"Số: {rng.randint(1, 400)}/CV-{code}", 3.8, False),
        ("", 0, False),
        ("V/v triển khai kế hoạch công tác năm 2026", 3.8, False),
        ("", 0, False),
        ("Kính gửi: Các phòng, đơn vị trực thuộc", 4.0, False),
        ("Căn cứ chức năng, nhiệm vụ được giao, đơn vị thông báo như sau.", 4.0, False),
        ("Các phòng chủ động phối hợp triển khai, bảo đảm đúng tiến độ đề ra.", 4.0, False),
        ("Đề nghị các đơn vị nghiêm túc thực hiện.", 4.0, False),
        ("", 0, False),
        ("Nơi nhận:", 3.6, True),
        ("- Như trên;", 3.6, False),
        ("- Lưu: VT.", 3.6, False),
    ]
    sheet = a4_page(lines, rng, ppm)
    sheet.write((130, 118), "GIÁM ĐỐC", 4.2, bold=True, anchor="ma")
    sheet.write((130, 160), rng.choice(PEOPLE), 4.2, bold=True, anchor="ma")
    seal = seal_layer(
        int(rng.uniform(34, 40) * ppm), agency, parent, centre=rng.choice(["star", "text"])
    )
    stamp_on(sheet.image, seal, (112 * ppm, 140 * ppm), rng.choice(RED_INKS), rng)
    return sheet


def quiz_sheet(rng: random.Random, ppm: float = 8.0) -> Sheet:
    """A test sheet where a pupil circled one answer letter per question by hand."""
    questions = [
        ("Bì ngoài của tài liệu độ Tuyệt mật đóng dấu chữ gì?", ["A", "B", "C"]),
        ("Thời hạn bảo vệ bí mật nhà nước độ Mật là bao lâu?", ["10 năm", "20 năm", "30 năm"]),
        ("Dấu chữ B dùng cho tài liệu độ nào?", ["MẬT", "TỐI MẬT", "TUYỆT MẬT"]),
        (
            "Ai có thẩm quyền cho phép sao tài liệu độ Tối mật?",
            ["Văn thư", "Người đứng đầu", "Mọi người"],
        ),
    ]
    sheet = a4_page([("ĐỀ KIỂM TRA KIẾN THỨC BẢO VỆ BÍ MẬT NHÀ NƯỚC", 4.4, True)], rng, ppm)
    pen = rng.choice([(30, 50, 160), (20, 20, 25), (190, 25, 30)])
    in_row = rng.random() < 0.5
    y = 35.0
    for number, (question, options) in enumerate(questions, start=1):
        sheet.write((22, y), f"Câu {number}. {question}", 4.0)
        y += 8
        chosen = rng.randrange(3)
        for index, option in enumerate(options):
            x = 30 + (index * 55 if in_row else 0)
            sheet.write((x, y), f"{'ABC'[index]}. {option}", 4.0)
            if index == chosen:
                loop = hand_loop(int(7.5 * ppm), int(7.0 * ppm), rng, pen=max(2, int(0.45 * ppm)))
                stamp_on(sheet.image, loop, ((x + 1.6) * ppm, (y + 2.2) * ppm), pen, rng, wear=0)
            if not in_row:
                y += 7.5
        y += 9 if in_row else 4
    return sheet


def answer_grid(rng: random.Random, ppm: float = 8.0) -> Sheet:
    """An answer sheet: a row of printed circled letters per question, the chosen one circled
    again by hand or filled in."""
    from PIL import ImageDraw

    sheet = a4_page(
        [("PHIẾU TRẢ LỜI TRẮC NGHIỆM", 4.6, True), ("Họ và tên: Nguyễn Văn An", 4.0, False)],
        rng,
        ppm,
    )
    draw = ImageDraw.Draw(sheet.image)
    for row in range(8):
        y = (40 + row * 11) * ppm
        sheet.write((22, 40 + row * 11 - 2), f"Câu {row + 1}", 4.0)
        chosen = rng.randrange(3)
        for index, letter in enumerate("ABC"):
            cx = (50 + index * 12) * ppm
            r = 4.0 * ppm
            draw.ellipse(
                (cx - r, y - r + 2 * ppm, cx + r, y + r + 2 * ppm), outline=(40, 40, 40), width=2
            )
            face = font(4.2 * ppm, bold=True)
            _centred_text(ImageDraw.Draw(sheet.image), (cx, y + 2 * ppm), letter, face)
            if index == chosen and rng.random() < 0.5:
                loop = hand_loop(int(10 * ppm), int(10 * ppm), rng, pen=max(2, int(0.4 * ppm)))
                stamp_on(sheet.image, loop, (cx, y + 2 * ppm), (30, 50, 160), rng, wear=0)
    return sheet


def circled_numbers_form(rng: random.Random, ppm: float = 8.0) -> Sheet:
    """A form whose items are numbered with circled digits and letters (①, Ⓐ) before text."""
    sheet = a4_page([("TỜ KHAI THÔNG TIN", 4.6, True)], rng, ppm)
    from PIL import ImageDraw

    draw = ImageDraw.Draw(sheet.image)
    labels = ["1", "2", "3", "A", "B", "C"]
    texts = [
        "Họ và tên người khai",
        "Ngày, tháng, năm sinh",
        "Nơi cư trú hiện nay",
        "Cơ quan công tác",
        "Chức vụ hiện nay",
        "Số điện thoại liên hệ",
    ]
    for index, (label, text) in enumerate(zip(labels, texts, strict=True)):
        y = (34 + index * 12) * ppm
        r = rng.uniform(3.0, 4.0) * ppm
        cx = 26 * ppm
        draw.ellipse(
            (cx - r, y - r, cx + r, y + r), outline=(30, 30, 30), width=max(2, int(0.35 * ppm))
        )
        _centred_text(draw, (cx, y), label, font(r * 1.1, bold=True))
        sheet.write((33, 34 + index * 12 - 2.2), f"{text}: ...............................", 4.0)
    return sheet


def logo_letterhead(rng: random.Random, ppm: float = 8.0) -> Sheet:
    """A company letterhead: a round logo with one letter, the company's name beside it."""
    sheet = a4_page([], rng, ppm)
    colour = rng.choice([(20, 60, 160), (20, 120, 60), (200, 30, 30), (30, 30, 30)])
    letter = rng.choice("ABC")
    diameter = rng.uniform(14, 22)
    logo = logo_layer(int(diameter * ppm), letter, ring=rng.uniform(0.07, 0.14))
    stamp_on(
        sheet.image,
        logo,
        ((20 + diameter / 2) * ppm, (16 + diameter / 2) * ppm),
        colour,
        rng,
        angle=0,
        wear=0,
    )
    name = f"CÔNG TY CỔ PHẦN {rng.choice(['AN BÌNH', 'BẮC LÂM', 'CÁT TƯỜNG'])}"
    sheet.write((24 + diameter, 16 + diameter / 2 - 4), name, 5.0, bold=True, colour=colour)
    sheet.write((24 + diameter, 16 + diameter / 2 + 2.5), "Địa chỉ: " + rng.choice(STREETS), 3.2)
    y = 30 + diameter
    for text in [
        "BÁO GIÁ DỊCH VỤ",
        "Kính gửi: Quý khách hàng",
        "Công ty trân trọng gửi tới Quý khách bảng giá.",
        "© 2026 Công ty cổ phần. Mọi quyền được bảo lưu.",
    ]:
        sheet.write((22, y), text, 4.0)
        y += 9
    return sheet


def receipt(rng: random.Random, ppm: float = 8.0) -> Sheet:
    """A receipt with a round "ĐÃ THU TIỀN" stamp and a round date stamp."""
    lines = [
        ("UBND XÃ TÂN PHÚ", 3.8, True),
        ("BIÊN LAI THU TIỀN", 4.6, True),
        ("Số: 0012345", 3.8, False),
        ("Họ tên người nộp: Nguyễn Văn Sơn", 4.0, False),
        ("Nội dung thu: Phí chứng thực bản sao", 4.0, False),
        ("Số tiền: 20.000 đồng", 4.0, False),
    ]
    sheet = a4_page(lines, rng, ppm)
    colour = rng.choice(RED_INKS)
    stamp_on(
        sheet.image,
        paid_layer(int(rng.uniform(22, 30) * ppm), rng),
        (140 * ppm, 85 * ppm),
        colour,
        rng,
    )
    stamp_on(
        sheet.image,
        postmark_layer(int(rng.uniform(24, 30) * ppm), rng),
        (70 * ppm, 110 * ppm),
        (40, 40, 60),
        rng,
    )
    return sheet


# --- photos and scans ---------------------------------------------------------------------------


def photo(sheet: Sheet, rng: random.Random, *, long_side: int | None = None) -> bytes:
    """A phone photo: the sheet on a desk, seen a little from the side, lit unevenly, blurred,
    JPEG-compressed."""
    from PIL import Image, ImageChops, ImageFilter

    page = sheet.image
    margin = rng.uniform(0.08, 0.25)
    width = int(page.width * (1 + 2 * margin))
    height = int(page.height * (1 + 2 * margin))
    desk_colour = rng.choice(DESKS)
    desk = Image.new("RGB", (width, height), desk_colour)
    grain = Image.effect_noise((width // 4, height // 4), 24).resize((width, height)).convert("RGB")
    desk = ImageChops.add(
        ImageChops.multiply(desk, Image.new("RGB", desk.size, (235, 235, 235))),
        ImageChops.multiply(grain, Image.new("RGB", desk.size, (20, 16, 12))),
    )
    # perspective-ish: the page's rectangle is the inside of a bigger, uneven quadrilateral of
    # the source plane, so each corner is pulled in by its own amount (QUAD maps the output
    # rectangle onto that quadrilateral: upper-left, lower-left, lower-right, upper-right)
    w, h = page.size
    pull = [rng.uniform(0, 0.07) * (w if index % 2 == 0 else h) for index in range(8)]
    quad = (
        -pull[0],
        -pull[1],
        -pull[2],
        h + pull[3],
        w + pull[4],
        h + pull[5],
        w + pull[6],
        -pull[7],
    )
    warped = page.transform(
        page.size, Image.Transform.QUAD, quad, Image.Resampling.BILINEAR, fillcolor=desk_colour
    )
    mask = Image.new("L", page.size, 255).transform(
        page.size, Image.Transform.QUAD, quad, Image.Resampling.BILINEAR, fillcolor=0
    )
    turn = rng.uniform(-4, 4)
    warped = warped.rotate(turn, resample=Image.Resampling.BICUBIC, fillcolor=desk_colour)
    mask = mask.rotate(turn, resample=Image.Resampling.BICUBIC, fillcolor=0)
    desk.paste(warped, (int(page.width * margin), int(page.height * margin)), mask)
    light = Image.linear_gradient("L").rotate(rng.uniform(0, 360)).resize(desk.size)
    low = rng.uniform(0.6, 0.85)
    light = light.point(lambda v: int(255 * (low + (1 - low) * v / 255)))
    desk = ImageChops.multiply(desk, Image.merge("RGB", (light, light, light)))
    desk = desk.filter(ImageFilter.GaussianBlur(rng.uniform(0.4, 1.4)))
    target = long_side or rng.randint(1300, 2800)
    factor = target / max(desk.size)
    desk = desk.resize(
        (int(desk.width * factor), int(desk.height * factor)), Image.Resampling.LANCZOS
    )
    out = io.BytesIO()
    desk.save(out, format="JPEG", quality=rng.randint(62, 88))
    return out.getvalue()


def scan(sheet: Sheet, rng: random.Random, *, grey: bool = False, dpi: int = 200) -> bytes:
    """An image-only PDF: the sheet on a scanner's glass (an envelope sits in the corner of an
    A4 page), turned a little, speckled; `grey` for a black-and-white photocopy."""
    from PIL import Image, ImageDraw

    scale = dpi / 25.4 / sheet.ppm
    page = sheet.image.resize(
        (int(sheet.image.width * scale), int(sheet.image.height * scale)), Image.Resampling.LANCZOS
    )
    a4 = (int(210 * dpi / 25.4), int(297 * dpi / 25.4))
    if page.width > a4[0] * 1.05:  # a wide envelope is laid across: landscape A4
        a4 = (a4[1], a4[0])
    glass = Image.new("RGB", a4, (236, 236, 234))
    glass.paste(page.crop((0, 0, min(page.width, a4[0]), min(page.height, a4[1]))), (0, 0))
    glass = glass.rotate(
        rng.uniform(-1.5, 1.5), fillcolor=(236, 236, 234), resample=Image.Resampling.BICUBIC
    )
    draw = ImageDraw.Draw(glass)
    for _ in range(300):
        draw.point((rng.randrange(glass.width), rng.randrange(glass.height)), fill=(70, 70, 70))
    if grey:  # a copier: the paper's own tone (white, cream, kraft) comes out light grey
        glass = glass.convert("L")
        histogram = glass.histogram()
        paper, seen = 255, 0
        for value, count in enumerate(histogram):
            seen += count
            if seen >= 0.5 * glass.width * glass.height:
                paper = value
                break
        light = rng.uniform(225, 248)
        glass = glass.point(lambda v: min(255, int(v * light / max(paper, 1))))
    out = io.BytesIO()
    glass.save(out, format="PDF", resolution=dpi)
    return out.getvalue()


# --- the family -------------------------------------------------------------------------------


def _item(name: str, data: bytes, level: str | None, category: str, fmt: str) -> Item:
    return Item(name, data, level is not None, level, False, category, fmt, family=FAMILY)


def items(rng: random.Random, scale: int) -> list[Item]:
    """Per scale unit: each level's outer envelope as two photos and two scans (one of them a
    grey photocopy), two inner Tuyệt mật envelopes with an A, and eleven hard negatives."""
    out: list[Item] = []
    for _ in range(scale):
        for level, letter in LEVEL_LETTER.items():
            for variant in range(4):
                sheet = envelope_page(rng)
                place_mark(sheet, letter, rng)
                if rng.random() < 0.3:
                    stamp_on(
                        sheet.image,
                        postmark_layer(int(rng.uniform(24, 30) * sheet.ppm), rng),
                        (sheet.image.width * 0.8, sheet.image.height * 0.25),
                        (40, 40, 60),
                        rng,
                    )
                if variant < 2:
                    out.append(
                        _item(
                            f"envelope-{level}-photo.jpg",
                            photo(sheet, rng),
                            level,
                            "positive",
                            "photo",
                        )
                    )
                else:
                    grey = variant == 3
                    name = f"envelope-{level}-{'grey-' if grey else ''}scan.pdf"
                    out.append(_item(name, scan(sheet, rng, grey=grey), level, "positive", "scan"))
        for fmt in ("photo", "scan"):
            sheet = envelope_page(rng, inner=True)
            place_mark(sheet, "A", rng)
            data = photo(sheet, rng) if fmt == "photo" else scan(sheet, rng)
            out.append(
                _item(
                    f"inner-envelope-a.{'jpg' if fmt == 'photo' else 'pdf'}",
                    data,
                    "tuyet_mat",
                    "positive",
                    fmt,
                )
            )
        out.extend(hard_negatives(rng))
    return out


def hard_negatives(rng: random.Random) -> list[Item]:
    out = []
    plain = envelope_page(rng)
    stamp_on(
        plain.image,
        postmark_layer(int(rng.uniform(24, 30) * plain.ppm), rng),
        (plain.image.width * 0.8, plain.image.height * 0.25),
        (40, 40, 60),
        rng,
    )
    out.append(_item("envelope-plain-photo.jpg", photo(plain, rng), None, "hard_negative", "photo"))
    out.append(
        _item(
            "envelope-plain-scan.pdf", scan(envelope_page(rng), rng), None, "hard_negative", "scan"
        )
    )
    sealed = envelope_page(rng)
    parent, agency, _code = rng.choice(AGENCIES)
    seal = seal_layer(
        int(rng.uniform(32, 40) * sealed.ppm), agency, parent, centre=rng.choice(["star", "text"])
    )
    stamp_on(
        sealed.image,
        seal,
        (sealed.image.width * 0.3, sealed.image.height * 0.62),
        rng.choice(RED_INKS),
        rng,
    )
    out.append(_item("envelope-seal-photo.jpg", photo(sealed, rng), None, "hard_negative", "photo"))
    out.append(
        _item("letter-seal-scan.pdf", scan(signed_letter(rng), rng), None, "hard_negative", "scan")
    )
    out.append(
        _item(
            "letter-seal-photo.jpg", photo(signed_letter(rng), rng), None, "hard_negative", "photo"
        )
    )
    out.append(
        _item("quiz-circled-scan.pdf", scan(quiz_sheet(rng), rng), None, "hard_negative", "scan")
    )
    out.append(
        _item("quiz-grid-photo.jpg", photo(answer_grid(rng), rng), None, "hard_negative", "photo")
    )
    out.append(
        _item(
            "form-circled-numbers-scan.pdf",
            scan(circled_numbers_form(rng), rng, grey=True),
            None,
            "hard_negative",
            "scan",
        )
    )
    out.append(
        _item(
            "logo-letterhead-scan.pdf",
            scan(logo_letterhead(rng), rng),
            None,
            "hard_negative",
            "scan",
        )
    )
    logo_envelope = envelope_page(rng)
    logo = logo_layer(int(16 * logo_envelope.ppm), rng.choice(["BL", "VN", "AB"]), ring=0.1)
    stamp_on(
        logo_envelope.image,
        logo,
        (12 * logo_envelope.ppm, 50 * logo_envelope.ppm),
        (20, 60, 160),
        rng,
        angle=0,
        wear=0,
    )
    out.append(
        _item("envelope-logo-photo.jpg", photo(logo_envelope, rng), None, "hard_negative", "photo")
    )
    out.append(
        _item(
            "receipt-round-stamps-scan.pdf", scan(receipt(rng), rng), None, "hard_negative", "scan"
        )
    )
    return out
