"""From a plan's lines and tables to its header and tasks.

Real plans come in a few shapes, often mixed in one document:
- labelled lines under a numbered item ("- Cơ quan chủ trì: …", "- Thời gian thực hiện: …");
- inline parentheses ("(Giao Công an tỉnh chủ trì, phối hợp với Sở Tư pháp; Quý III/2026)");
- the lead as the sentence's subject ("Sở Tư pháp; UBND các xã, phường tiếp tục tổ chức …",
  "UBND phường X chủ trì, phối hợp với …, hoàn thành trong quý IV năm 2026");
- duty sections ("III. PHÂN CÔNG TRÁCH NHIỆM" or "TỔ CHỨC THỰC HIỆN" → "1. Công an tỉnh" →
  "- Chủ trì …"), where a duty that names its own subject keeps it;
- task tables (appendices with columns for content, lead, coordinators, time limit).
The document is cut into zones first: the header (issuer, number, place and date, title), the
body, the closing block ("Nơi nhận", signature) and appendices ("PHỤ LỤC"). In the body the
parser rebuilds the numbered outline (I. → 1. → a) → - → +), then reads each shape. Lines
hard-wrapped by a PDF's text layer are joined back into paragraphs first.

The implementation section ("Tổ chức thực hiện", "Chế độ báo cáo") is read for the work it
assigns. In a plan whose tasks carry labelled assignments it mostly restates them, so there
only what carries its own deadline ("gửi … trước ngày 15/12/2026") or asks for an immediate
report ("báo cáo ngay") becomes a task.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, field

from bmnn.core.text import fold, fold_aligned, nfc
from bmnn.plans.importer import header as header_reader
from bmnn.plans.importer import layout
from bmnn.plans.importer.agencies import Resolver, is_vague
from bmnn.plans.importer.model import Flag, ParsedHeader, ParsedPlan, ParsedTask, Party, Timing
from bmnn.plans.importer.table import Table, column_role
from bmnn.plans.importer.timing import parse_timing

__all__ = ["PlanParser", "PlanSyntaxError", "Table", "paragraphs"]

ROMAN_RE = re.compile(r"^(?P<mark>(?:X{0,1})(?:IX|IV|V?I{0,3}))\s*[.)]\s*(?P<text>\S.*)$")
NUM_RE = re.compile(r"^(?P<mark>\d{1,2})\s*[.)]\s*(?P<text>\S.*)?$")
SUBNUM_RE = re.compile(r"^(?P<mark>\d{1,2}\.\d{1,2})\.?\s+(?P<text>\S.*)$")
LETTER_RE = re.compile(r"^(?P<mark>[a-zđ])\)\s*(?P<text>\S.*)?$")
DASH_RE = re.compile(r"^[-–—•·*]\s*(?P<text>\S.*)$")
PLUS_RE = re.compile(r"^\+\s*(?P<text>\S.*)$")
APPENDIX_RE = re.compile(r"^phu luc(?:\s+(?:so\s+)?[0-9ivx]{1,4})?\s*(?:[.:\-–]\s*\S.*|[.:]?\s*)$")

LABELS = [
    ("lead", r"(?:co quan|don vi)?\s*chu tri"),
    ("coordinating", r"(?:co quan|don vi)?\s*phoi hop"),
    ("lead", r"(?:co quan|don vi)\s*(?:thuc hien|chiu trach nhiem)"),
    ("timing", r"thoi (?:gian|han)\s*(?:thuc hien|hoan thanh|bao cao)?(?:\s*/\s*hoan thanh)?"),
    ("timing", r"tien do(?: thuc hien)?"),
    ("output", r"(?:san pham|ket qua)(?: dau ra| du kien)?"),
    ("person", r"(?:nguoi|can bo) (?:chiu trach nhiem|phu trach|dau moi)"),
]
LABEL_RE = re.compile(
    r"(?:^|[;.]\s*|\s-\s)(?P<label>"
    + "|".join(f"(?P<l{i}>{pattern})" for i, (_kind, pattern) in enumerate(LABELS))
    + r")\s*:\s*"
)
INLINE_RE = re.compile(r"\((?P<body>[^()]*(?:chu tri|thuc hien|phoi hop)[^()]*)\)")
DOC_REF_RE = re.compile(
    r"(?:Quyết định|Văn bản|Chỉ thị|Nghị quyết|Nghị định|Thông tư|Luật|Công văn|Kế hoạch|"
    r"Tờ trình|Hướng dẫn)\s+số\s+[\w/.\-()]+(?:\s+ngày\s+\d{1,2}/\d{1,2}/\d{4})?"
    r"(?:\s+của\s+[^,;()]+?)?(?=\s+(?:về|xét|nhằm|để|và|UBND|Ủy ban)\b|[,;()]|\s*$)"
)
EXPLICIT_DEADLINE_RE = re.compile(
    r"(?:hoàn thành |chậm nhất |xong )?(?:trước|trong|chậm nhất|trước ngày)\s+"
    r"(?:ngày\s+\d{1,2}/\d{1,2}(?:/\d{4})?|ngày\s+\d{1,2}\s+tháng\s+\d{1,2}(?:\s+năm\s+\d{4})?"
    r"|ngày\s+\d{1,2}\s+h[ằà]ng\s+tháng|quý\s+[IV\d]+(?:\s*(?:/|năm)\s*\d{4})?|tháng\s+\d{1,2}"
    r"\s*(?:/|năm)\s*\d{4}|năm\s+\d{4}|\d{1,2}/\d{1,2}/\d{4})",
    re.IGNORECASE,
)
RECURRING_RE = re.compile(r"định kỳ|h[ằà]ng năm|h[ằà]ng tháng|h[ằà]ng quý", re.IGNORECASE)
MANNER_RE = re.compile(
    r"thường xuyên|liên tục|định kỳ|h[ằà]ng (?:năm|quý|tháng)|khi (?:có|được) yêu cầu|"
    r"theo yêu cầu",
    re.IGNORECASE,
)
AT_ONCE_RE = re.compile(
    r"(?:báo cáo|thông báo|gửi|phản ánh)(?:\s+\S+){0,4}?\s+ngay\b|\bngay (?:khi|sau khi)\b",
    re.IGNORECASE,
)


@dataclass
class Para:
    kind: str  # roman | num | subnum | letter | dash | plus | text | table
    mark: str
    text: str
    table: Table | None = None


@dataclass
class Node:
    kind: str
    mark: str
    text: str
    paras: list[Para] = field(default_factory=list)
    children: list[Node] = field(default_factory=list)


class PlanSyntaxError(ValueError):
    """The document does not look like a plan (no numbered parts, no tasks)."""


_is_upper_heading = header_reader.is_upper_heading


def _is_name(line: str) -> bool:
    """A person's name as a signature prints it: two to five words, each capitalised."""
    words = line.split()
    return (
        2 <= len(words) <= 5
        and all(w[:1].isupper() and not w.isupper() for w in words)
        and not re.search(r"[\d_:.]", line)
    )


def _title_goes_on(title: str, line: str) -> bool:
    """Whether a line continues a title broken over lines: in capitals after a title in
    capitals, or starting in lower case."""
    if line[:1].islower():
        return True
    return _is_upper_heading(title) and _is_upper_heading(line)


def _classify(line: str) -> Para:
    for kind, regex in (
        ("roman", ROMAN_RE),
        ("subnum", SUBNUM_RE),
        ("num", NUM_RE),
        ("letter", LETTER_RE),
        ("plus", PLUS_RE),
        ("dash", DASH_RE),
    ):
        match = regex.match(line)
        if not match:
            continue
        text = (match.groupdict().get("text") or "").strip()
        if kind == "roman" and (not match.group("mark") or not _is_upper_heading(text)):
            continue
        return Para(kind, match.groupdict().get("mark", "") or "", text)
    return Para("text", "", line.strip())


def paragraphs(blocks: Iterable[str | Table], *, wrapped: bool) -> list[Para]:
    """Joins hard-wrapped lines into paragraphs, classifying each one. A line that goes on in
    lower case after an unfinished one is always joined; when the text is `wrapped` (a PDF's
    text layer), so is any unindented line after an unfinished one."""
    blocks = list(blocks)
    lengths = sorted(len(b.strip()) for b in blocks if isinstance(b, str) and b.strip())
    width = lengths[int(0.9 * (len(lengths) - 1))] if lengths else 0
    result: list[Para] = []
    last_line = ""
    for block in blocks:
        if isinstance(block, Table):
            result.append(Para("table", "", "", block))
            continue
        raw = block.rstrip()
        if not raw.strip():
            continue
        para = _classify(raw.strip())
        previous = result[-1] if result else None
        unfinished = (
            previous is not None
            and previous.kind != "table"
            and not previous.text.rstrip().endswith((".", ":", ";", "!", "?"))
        )
        is_text = para.kind == "text" and not LABEL_RE.match(fold_aligned(raw.strip()))
        continues = is_text and unfinished and raw.strip()[:1].islower()
        if wrapped and is_text and unfinished and not continues:
            # a capital after a short line, or after a heading in capitals, starts a paragraph
            starts_upper = raw.strip()[:1].isupper()
            short = len(last_line) < 0.7 * width
            heading = previous is not None and previous.kind == "roman"
            continues = not (raw[:1].isspace() and starts_upper)
            if starts_upper and (short or heading) and not _is_upper_heading(raw.strip()):
                continues = False
        clause_wrapped = (
            wrapped
            and is_text
            and previous is not None
            and previous.kind != "table"
            and previous.text.rstrip().endswith(";")
            and raw.strip()[:1].islower()
            and len(last_line) >= 0.7 * width
        )
        if clause_wrapped:
            continues = True  # a full line that ends one clause of a sentence: "…; tổng hợp …"
        open_parenthesis = (
            previous is not None
            and previous.kind != "table"
            and previous.text.count("(") > previous.text.count(")")
        )
        if para.kind == "text" and open_parenthesis and (wrapped or ")" in raw):
            continues = True  # "(qua" / "Công an tỉnh) trước ngày …"
        if continues and previous is not None:
            previous.text = f"{previous.text.rstrip()} {raw.strip()}"
        else:
            result.append(para)
        last_line = raw.strip()
    return result


def _outline(paras: list[Para]) -> Node:
    root = Node("root", "", "")
    stack: list[Node] = [root]
    depth = {"roman": 1, "num": 2, "subnum": 3, "letter": 3}
    for para in paras:
        if para.kind in depth:
            level = depth[para.kind]
            while len(stack) > level:
                stack.pop()
            while len(stack) < level:  # a numbered item without a part above it
                filler = Node("filler", "", "")
                stack[-1].children.append(filler)
                stack.append(filler)
            node = Node(para.kind, para.mark, para.text)
            stack[-1].children.append(node)
            stack.append(node)
        else:
            stack[-1].paras.append(para)
    return root


def _section_kind(title: str) -> str:
    folded = fold(title)
    if "muc dich" in folded or folded.startswith(("yeu cau", "muc tieu")):
        return "purposes"
    if "kinh phi" in folded or re.search(r"\b(von dau tu|nguon von)\b", folded):
        return "budget"
    if "to chuc thuc hien" in folded or re.search(r"\bche do (thong tin, )?bao cao\b", folded):
        return "organisation"
    if (
        "phan cong" in folded
        or "trach nhiem" in folded
        or re.search(r"nhiem vu (cu the )?cua (cac )?(co quan|don vi|so)", folded)
    ):
        return "duties"
    return "tasks"


def _without_inline(text: str) -> str:
    """The text less an inline assignment in parentheses (whose "thời gian:" is no label)."""
    match = INLINE_RE.search(fold_aligned(text))
    return text if not match else (text[: match.start()] + text[match.end() :])


def _split_labels(text: str) -> tuple[str, dict[str, str]]:
    """'Cơ quan chủ trì: X; Thời gian: Y' -> ('', {'lead': 'X', 'timing': 'Y'})."""
    folded = fold_aligned(text)
    matches = list(LABEL_RE.finditer(folded))
    if not matches:
        return text, {}
    fields: dict[str, str] = {}
    rest = text[: matches[0].start()].strip()
    for index, match in enumerate(matches):
        kind = next(LABELS[i][0] for i in range(len(LABELS)) if match.group(f"l{i}") is not None)
        end = matches[index + 1].start() if index + 1 < len(matches) else len(text)
        value = text[match.end() : end].strip().rstrip(".;").strip()
        fields[kind] = f"{fields[kind]}; {value}" if kind in fields else value
    return rest, fields


def _timing_words(content: str) -> str:
    """The words of a task's text that may state its time limit when no label does: the opening
    clause ("Thường xuyên …", "Hằng năm, …"), explicit deadlines ("hoàn thành trước ngày …")
    with the rhythm of a recurring one ("định kỳ hằng năm, trước ngày 10/12"), and a request
    to report at once — never the dates of documents the task cites."""
    opening = re.split(r"[,;:.]", content, maxsplit=1)[0]
    opening = " ".join(opening.split()[:3])
    deadlines = [m.group(0) for m in EXPLICIT_DEADLINE_RE.finditer(content)]
    rhythm = [m.group(0) for m in RECURRING_RE.finditer(content)] if deadlines else []
    # the main sentence's own rhythm or trigger ("… thường xuyên giám sát …", "… khi có yêu
    # cầu"), not what a later sentence mentions in passing
    sentence = re.split(r"[.;](?:\s|$)", content, maxsplit=1)[0]
    manner = [m.group(0) for m in MANNER_RE.finditer(sentence)]
    at_once = [m.group(0) for m in AT_ONCE_RE.finditer(content)]
    return "; ".join([*deadlines, *dict.fromkeys(rhythm), opening, *manner, *at_once])


def has_deadline(text: str) -> bool:
    """Whether a sentence sets its own time limit or asks for a report at once."""
    return bool(EXPLICIT_DEADLINE_RE.search(text) or AT_ONCE_RE.search(text))


@dataclass
class Zones:
    header: list[str | Table]
    body: list[str | Table]
    trailer: list[str]
    appendix: list[str | Table]


def _starts_trailer(block: str | Table) -> bool:
    if isinstance(block, Table):
        first = next((c for row in block.rows for c in row if c.strip()), "")
        return fold(first).strip(" *_").startswith("noi nhan")
    return fold(block).strip(" *_").startswith("noi nhan")


def _is_appendix_mark(block: str | Table) -> bool:
    """ "PHỤ LỤC", "Phụ lục 02", "PHỤ LỤC I: NHIỆM VỤ …" on a line of its own."""
    if not isinstance(block, str):
        return False
    text = block.strip(" *_\t")
    folded = fold(text)
    return bool(APPENDIX_RE.match(folded)) and (len(folded.split()) <= 4 or _is_upper_heading(text))


def _is_task_table(block: str | Table) -> bool:
    return isinstance(block, Table) and any(
        {"content", "lead"} <= {column_role(c) for c in row} for row in block.rows[:5]
    )


def _zones(blocks: list[str | Table]) -> Zones:
    start = next(
        (
            i
            for i, b in enumerate(blocks)
            if _is_task_table(b) or (isinstance(b, str) and _classify(b.strip()).kind == "roman")
        ),
        len(blocks),
    )
    trailer = next((i for i in range(start, len(blocks)) if _starts_trailer(blocks[i])), None)
    appendix = next((i for i in range(start, len(blocks)) if _is_appendix_mark(blocks[i])), None)
    body_end = min(x for x in (trailer, appendix, len(blocks)) if x is not None)
    trailer_lines: list[str] = []
    loose_tables: list[str | Table] = []
    if trailer is not None:
        trailer_end = appendix if appendix is not None and appendix > trailer else len(blocks)
        for block in blocks[trailer:trailer_end]:
            if _is_task_table(block):
                loose_tables.append(block)  # an appendix table after the signature, untitled
            elif isinstance(block, Table):
                for row in block.rows:
                    for cell in row:
                        trailer_lines.extend(re.split(r"\s{3,}|\s+/\s+|\s(?=- )", cell))
            else:
                trailer_lines.extend(re.split(r"\s{3,}", block.strip()) or [block])
    appendix_blocks: list[str | Table] = []
    if appendix is not None:
        appendix_end = trailer if trailer is not None and trailer > appendix else len(blocks)
        appendix_blocks = blocks[appendix + 1 : appendix_end]
    return Zones(
        blocks[:start], blocks[start:body_end], trailer_lines, [*appendix_blocks, *loose_tables]
    )


class PlanParser:
    def __init__(self, resolver: Resolver) -> None:
        self.base_resolver = resolver
        self.resolver = resolver
        self.year: int | None = None
        self.labelled = 0

    def parse(self, blocks: list[str | Table], *, wrapped: bool) -> ParsedPlan:
        blocks = layout.clean([nfc(b) if isinstance(b, str) else b for b in blocks])
        wrapped = wrapped or layout.looks_wrapped(blocks)
        zones = _zones(blocks)
        body_text = "\n".join(
            b for b in [*zones.header, *zones.body, *zones.appendix] if isinstance(b, str)
        )
        header = self._header(zones.header, zones.trailer, body_text)
        header_text = " ".join(b for b in zones.header if isinstance(b, str))
        places = [header.place, *header_reader.PROVINCE_RE.findall(header_text)]
        self.resolver = self.base_resolver.with_places([p.strip() for p in places if p])
        self.year = header.date.year if header.date else self._first_year(header_text)
        self.body_text = body_text
        tree = _outline(paragraphs(zones.body, wrapped=wrapped))
        tasks = self._body_tasks(tree, header)
        if zones.appendix:
            appendix = _outline(paragraphs(zones.appendix, wrapped=wrapped))
            tasks.extend(self._appendix_tasks(appendix))
        if not tasks and not tree.children:
            raise PlanSyntaxError("no numbered parts or task table found")
        return ParsedPlan(header, _unique_refs(tasks))

    # --- header -----------------------------------------------------------------------------

    @staticmethod
    def _first_year(text: str) -> int | None:
        match = re.search(r"(?:năm|/)\s*(20\d\d)\b", text)
        return int(match.group(1)) if match else None

    def _header(self, blocks: list[str | Table], trailer: list[str], body: str) -> ParsedHeader:
        header = ParsedHeader()
        found = header_reader.header_lines(blocks)
        header_reader.read_number(header, [*found.whole, *found.lines])
        header_reader.read_place_date(header, found)
        lines = [b for b in blocks if isinstance(b, str)]
        header.title = self._title(lines)
        intro = " ".join(lines)
        header.legal_basis = [" ".join(m.group(0).split()) for m in DOC_REF_RE.finditer(intro)]
        names = header_reader.issuer_lines(found)
        if names:
            written = header_reader.find_written(body, [names[-1], " ".join(names)])
            header.issuer = header_reader.issuer_from_lines(names, written)
        else:
            header.issuer = self._issuer_from_text(header, intro, trailer)
        recipients, signer = self._trailer(trailer)
        header.recipients, header.signer = recipients, signer
        return header

    @staticmethod
    def _title(lines: list[str]) -> str:
        stripped = [line.strip() for line in lines if line.strip()]
        for index, line in enumerate(stripped):
            if re.fullmatch(r"ke hoach(?: hanh dong| trien khai)?", fold(line).rstrip(" .")):
                title: list[str] = []
                for following in stripped[index + 1 :]:
                    intro = re.match(r"(thuc hien|can cu|xet|de|nham|thi hanh)\b", fold(following))
                    # a title's wrapped line may begin with those words too ("… CÁC-BON" /
                    # "NHẰM THỰC HIỆN …"): it goes on in the title's case, a sentence does not
                    if intro and title and _title_goes_on(" ".join(title), following):
                        intro = None
                    if title and (intro or len(following) > 200 or following.endswith(":")):
                        break
                    if following.startswith("(") or set(following) <= set("-_–— "):
                        break
                    title.append(following)
                return " ".join(title)
        return ""

    @staticmethod
    def _issuer_from_text(header: ParsedHeader, intro: str, trailer: list[str]) -> str:
        """No issuer printed at the top: the kind of body from the number and the text."""
        folded = fold(intro + " " + " ".join(trailer)) + " " + fold(header.number)
        province = header_reader.PROVINCE_RE.search(header.title)
        suffix = f" tỉnh {province.group(1).strip()}" if province else " tỉnh"
        if "ubnd" in folded or "uy ban nhan dan" in folded:
            return "UBND" + suffix
        if "tinh uy" in folded or "-tu" in folded:
            return "Tỉnh ủy" + suffix.replace(" tỉnh", "")
        if "cong an" in folded or "-cat" in folded:
            return "Công an" + suffix
        return ""

    @staticmethod
    def _trailer(lines: list[str]) -> tuple[list[str], str]:
        recipients: list[str] = []
        signer = ""
        for raw in lines[1:] if lines and fold(lines[0]).strip(" *_") == "noi nhan:" else lines:
            line = raw.strip().strip("*").strip()
            if not line or fold(line).startswith("noi nhan"):
                continue
            dash = DASH_RE.match(line)
            if dash:
                recipients.append(dash.group("text").rstrip(";.").strip())
                continue
            if _is_name(line):
                signer = line
                continue
            # the signer's title and name in one line, as a reader joins a cell's lines:
            # "KT. BỘ TRƯỞNG THỨ TRƯỞNG Lê Công Thành"
            words = line.split()
            for count in range(min(5, len(words) - 1), 1, -1):
                title, name = " ".join(words[:-count]), " ".join(words[-count:])
                if _is_upper_heading(title) and _is_name(name):
                    signer = name
                    break
        return recipients, signer

    # --- parts of the body ------------------------------------------------------------------

    def _body_tasks(self, tree: Node, header: ParsedHeader) -> list[ParsedTask]:
        found: list[list[ParsedTask]] = []
        later: list[tuple[int, Node, str]] = []
        for part in tree.children:
            kind = _section_kind(part.text) if part.kind == "roman" else "tasks"
            ref = part.mark if part.kind == "roman" else ""
            tasks: list[ParsedTask] = []
            if kind == "purposes":
                header.purposes = self._all_text(part)
            elif kind == "budget":
                header.budget = self._all_text(part)
            elif kind == "duties":
                tasks.extend(self._duties(part, ref))
            elif kind == "organisation":
                later.append((len(found), part, ref))
            else:
                tasks.extend(self._tasks(part, ref, self._section_owner(part)))
            tasks.extend(self._tables(part, ref))
            found.append(tasks)
        # the implementation sections last: what they add depends on how the tasks were written
        for position, part, ref in later:
            found[position] = self._organisation(part, ref) + found[position]
        for para in tree.paras:
            if para.kind == "table" and para.table:
                found.append(self._table_tasks(para.table, ""))
        return [task for tasks in found for task in tasks]

    def _appendix_tasks(self, tree: Node) -> list[ParsedTask]:
        tasks: list[ParsedTask] = []
        for para in tree.paras:
            if para.kind == "table" and para.table:
                tasks.extend(self._table_tasks(para.table, "PL"))
        for part in tree.children:
            tasks.extend(self._tables(part, f"PL.{part.mark}" if part.mark else "PL"))
        return tasks

    def _section_owner(self, part: Node) -> list[Party]:
        """ "NHIỆM VỤ CHỦ YẾU CỦA BỘ TÀI NGUYÊN VÀ MÔI TRƯỜNG": whose duties the part lists."""
        if part.kind != "roman":
            return []
        match = re.search(r"\bcua\s+(.+)$", fold_aligned(part.text))
        if not match:
            return []
        words = part.text[match.start(1) :].strip()
        parties = self.resolver.heading_parties(words)
        return [self._written_party(p) for p in parties]

    def _written_party(self, party: Party) -> Party:
        """A name printed in capitals, as the body text writes it."""
        if party.resolved or not party.words.isupper():
            return party
        written = header_reader.find_written(self.body_text, [party.words]).get(fold(party.words))
        if not written:
            return party
        return Party(written, written, kind=party.kind)

    @staticmethod
    def _all_text(node: Node) -> str:
        parts = [node.text] if node.kind != "roman" else []
        parts += [p.text for p in node.paras if p.kind != "table"]
        for child in node.children:
            parts.append(PlanParser._all_text(child))
        return "\n".join(p for p in parts if p)

    def _tables(self, node: Node, ref: str) -> list[ParsedTask]:
        found = [
            task
            for para in node.paras
            if para.kind == "table" and para.table
            for task in self._table_tasks(para.table, ref)
        ]
        for child in node.children:
            found.extend(self._tables(child, f"{ref}.{child.mark}" if ref else child.mark))
        return found

    def _parties(self, words: str) -> list[Party]:
        return self.resolver.resolve(words) if words.strip() else []

    def _timing(self, words: str) -> Timing:
        return parse_timing(words, default_year=self.year)

    def _finish(self, task: ParsedTask, *, timing_given: bool) -> ParsedTask:
        if not timing_given:
            explicit = [m.group(0) for m in EXPLICIT_DEADLINE_RE.finditer(task.content)]
            guessed = self._timing(_timing_words(task.content))
            if guessed.kind in {"continuous", "on_request"} or (
                guessed.kind != "unspecified" and guessed.due is not None
            ):
                task.timing = guessed
            if explicit and guessed.due is not None:
                task.timing.text = explicit[0]
            else:
                task.uncertain.append("timing")
        elif task.timing.kind == "unspecified":
            task.uncertain.append("timing")
        _review(task)
        task.content = " ".join(task.content.split()) if "\n" not in task.content else task.content
        return task

    def _read_task(
        self, ref: str, section: str, heading: str, paras: list[Para], source: str
    ) -> ParsedTask:
        """One task from a heading and its paragraphs: labelled fields or inline parentheses."""
        task = ParsedTask(ref=ref, content="", section=section, source=source)
        content: list[str] = []
        fields: dict[str, str] = {}
        inline_inner = ""
        for text in [heading] + [p.text for p in paras if p.kind != "table"]:
            inline = INLINE_RE.search(fold_aligned(text)) if not inline_inner else None
            if inline:
                # the parenthesis carries the assignment; its "thời gian:" is not a label line
                inline_inner = text[inline.start("body") : inline.end("body")]
                text = (text[: inline.start()] + text[inline.end() :]).strip()
            rest, found = _split_labels(text)
            for key, value in found.items():
                fields[key] = f"{fields[key]}; {value}" if key in fields else value
            if rest:
                content.append(rest)
        body = "\n".join(content)
        timing_given = False
        if inline_inner and "lead" not in fields:
            task.source = "inline"
            timing_given = self._read_inline(task, inline_inner)
            if "timing" in fields and not timing_given:
                task.timing = self._timing(fields["timing"])
                timing_given = True
        elif fields:
            if "lead" in fields:
                self.labelled += 1
            task.lead = self._parties(fields.get("lead", ""))
            task.coordinating = self._parties(fields.get("coordinating", ""))
            if "timing" in fields:
                task.timing = self._timing(fields["timing"])
                timing_given = True
            task.output = fields.get("output", "")
        task.content = body
        return self._finish(task, timing_given=timing_given)

    def _read_inline(self, task: ParsedTask, inner: str) -> bool:
        folded = fold_aligned(inner)
        pieces = [p for p in re.split(r";", inner)]
        lead_match = re.search(r"^(?:giao\s+)?(?P<lead>.+?)\s+(?:chu tri|thuc hien)\b", folded)
        if lead_match:
            task.lead = self._parties(inner[lead_match.start("lead") : lead_match.end("lead")])
        task.coordinating = self._parties(self.resolver.coordinators(inner))
        for piece in pieces[1:] if len(pieces) > 1 else []:
            timing = self._timing(
                re.sub(r"^\s*(thời gian|thời hạn|hoàn thành)\s*:?", "", piece, flags=re.I)
            )
            if timing.kind != "unspecified":
                task.timing = timing
                return True
        return False

    def _tasks(self, part: Node, ref: str, owner: list[Party]) -> list[ParsedTask]:
        tasks: list[ParsedTask] = []
        section = part.text if part.kind == "roman" else ""
        for item in part.children:
            item_ref = f"{ref}.{item.mark}" if ref else item.mark
            letters = [c for c in item.children if c.kind in {"letter", "subnum"}]
            if letters:
                for letter in letters:
                    tasks.extend(
                        self._task_or_bullets(f"{item_ref}.{letter.mark}", item.text, letter, owner)
                    )
            elif item.kind in {"num", "filler"}:
                tasks.extend(self._task_or_bullets(item_ref, section, item, owner))
        if not part.children:
            tasks.extend(self._bullet_tasks(ref, section, part, owner, only_assigned=True))
        return tasks

    def _assigned(self, text: str) -> bool:
        """Whether a paragraph carries its own assignment: inline or as its subject."""
        return bool(INLINE_RE.search(fold_aligned(text)) or self.resolver.subject(text))

    def _bullet_tasks(
        self, ref: str, section: str, node: Node, owner: list[Party], *, only_assigned: bool
    ) -> list[ParsedTask]:
        """Bullets as tasks of their own: each bullet that carries its own assignment, or every
        bullet when some do (the others then fall to the part's owner, or to nobody)."""
        tasks = []
        bullets = [p for p in node.paras if p.kind in {"dash", "plus", "text"}]
        if not only_assigned:
            bullets = [p for p in bullets if p.kind in {"dash", "plus"}]
        for index, para in enumerate(bullets, start=1):
            if only_assigned and not self._assigned(para.text):
                continue
            task = self._read_task(
                f"{ref}.{index}" if ref else str(index), section, para.text, [], "inline"
            )
            if not task.lead:
                self._lead_clause(task, [para.text], owner)
            tasks.append(task)
        return tasks

    def _task_or_bullets(
        self, ref: str, section: str, node: Node, owner: list[Party]
    ) -> list[ParsedTask]:
        texts = [p.text for p in node.paras if p.kind != "table"]
        has_labels = any(_split_labels(_without_inline(t))[1] for t in texts)
        if not has_labels:
            bullets = [p for p in node.paras if p.kind in {"dash", "plus"}]
            if any(self._assigned(p.text) for p in bullets):
                return self._bullet_tasks(ref, section, node, owner, only_assigned=False)
            if not bullets:
                assigned = self._bullet_tasks(ref, section, node, owner, only_assigned=True)
                if len(assigned) > 1:
                    return assigned
        task = self._read_task(ref, section, node.text, node.paras, "labelled")
        if not task.lead and not has_labels:
            self._lead_clause(task, [node.text, *texts[:1]], owner)
        return [task]

    def _lead_clause(self, task: ParsedTask, texts: list[str], owner: list[Party]) -> None:
        """The lead as the subject of the heading or of the first paragraph; else the owner."""
        for text in texts:
            found = self.resolver.subject(text)
            if found:
                task.lead = self._parties(found[0])
                task.source = "inline"
                break
        else:
            if owner:
                task.lead = [_copy(p) for p in owner]
        if not task.coordinating:
            for text in texts:
                words = self.resolver.coordinators(text)
                if words:
                    task.coordinating = self._parties(words)
                    break
        _review(task)

    # --- duty sections and the implementation section ---------------------------------------

    def _owners(self, heading: str) -> tuple[list[Party], str]:
        """The agencies a duty item is headed by, and the rest of its heading: "Công an tỉnh:
        theo dõi …", "Cục Biến đổi khí hậu có trách nhiệm:", "Đề nghị các Ban …"."""
        text = re.sub(r"^(Đề nghị|Giao)\s+", "", heading.strip(), flags=re.I)
        name, colon, rest = text.partition(":")
        owners = self.resolver.heading_parties(name)
        if owners:
            return owners, rest.strip() if colon else ""
        found = self.resolver.subject(text)
        if found and re.fullmatch(
            r"(co|chiu) trach nhiem(?: thuc hien)?(?: cac nhiem vu sau)?\s*:?\s*",
            fold(text[found[1] :]),
        ):
            return self._parties(found[0]), ""
        return [], rest.strip() if colon else ""

    def _duties(self, part: Node, ref: str, *, organisation: bool = False) -> list[ParsedTask]:
        tasks: list[ParsedTask] = []
        for item in part.children:
            item_ref = f"{ref}.{item.mark}" if ref else item.mark
            owners, inline_body = self._owners(item.text)
            if not owners and organisation:
                if not self._duty_heading(item):
                    tasks.extend(self._organisation_item(item, item_ref))
                    continue
                # headed by bodies the directory does not know: kept as written, flagged
                owners = [Party(item.text.strip(" :"), item.text.strip(" :"))]
                inline_body = ""
            heading = re.sub(r"^(Đề nghị|Giao)\s+", "", item.text, flags=re.I).partition(":")[0]
            if not owners:
                owners = self._parties(heading)
            duties: list[tuple[str, list[str]]] = []
            if inline_body.strip():
                duties.append((inline_body.strip(), []))
            for para in item.paras:
                if para.kind == "table":
                    continue
                if para.kind == "dash" or not duties:
                    duties.append((para.text, []))
                else:
                    duties[-1][1].append(para.text)
            for child in item.children:
                duties.append((child.text, [p.text for p in child.paras]))
            single = len(duties) == 1
            for index, (text, more) in enumerate(duties, start=1):
                duty_ref = item_ref if single else f"{item_ref}.{index}"
                tasks.append(self._duty(duty_ref, heading.strip(), text, more, owners))
        return tasks

    def _duty(
        self, ref: str, section: str, text: str, more: list[str], owners: list[Party]
    ) -> ParsedTask:
        text, labelled = _split_labels(text)
        content = "\n".join([text, *more])
        task = ParsedTask(ref=ref, content=content, section=section, source="duty_section")
        own = self.resolver.subject(text)
        if own:
            parties = self._parties(own[0])
            # "Các cơ quan, đơn vị liên quan …" inside a body's duties is not a new lead
            if any(p.resolved or p.kind == "pattern" for p in parties):
                task.lead = parties
        if not task.lead:
            task.lead = [_copy(p) for p in owners]
        coordinators = self.resolver.coordinators(text)
        if coordinators:
            task.coordinating = self._parties(coordinators)
        if "coordinating" in labelled:
            task.coordinating = self._parties(labelled["coordinating"])
        if "timing" in labelled:
            task.timing = self._timing(labelled["timing"])
        return self._finish(task, timing_given="timing" in labelled)

    def _organisation(self, part: Node, ref: str) -> list[ParsedTask]:
        """The implementation section: its numbered items as duties (or as tasks of their own
        subject); loose paragraphs only when they set a deadline. A plan whose tasks carry
        labelled assignments keeps only what sets its own deadline."""
        if not self.labelled:
            tasks = self._duties(part, ref, organisation=True)
        else:
            tasks = [
                task
                for item in part.children
                if has_deadline(self._all_text(item))
                for task in self._duties(
                    Node(part.kind, part.mark, part.text, children=[item]), ref, organisation=True
                )
            ]
        for index, para in enumerate(
            [p for p in part.paras if p.kind != "table" and has_deadline(p.text)], start=1
        ):
            task = self._sentence_task(f"{ref}.{index}" if ref else str(index), para.text, [])
            if task is not None:
                tasks.append(task)
        return tasks

    def _duty_heading(self, item: Node) -> bool:
        """A heading over bulleted duties that names who does them, not what: no sentence."""
        text = item.text.strip()
        bullets = [p for p in item.paras if p.kind in {"dash", "plus"}]
        return (
            bool(bullets)
            and self.resolver.names_bodies(text)
            and not text.endswith((".", ";"))
            and ":" not in text
            and len(text.split()) <= 20
            and self.resolver.subject(text) is None
            and not has_deadline(text)
        )

    def _organisation_item(self, item: Node, ref: str) -> list[ParsedTask]:
        """A numbered item of the implementation section that names no body in its heading:
        a task of its own subject or deadline, else its paragraphs that are ("2. Chế độ báo cáo"
        → "- Các sở … gửi báo cáo trước ngày …")."""
        paras = [p.text for p in item.paras if p.kind != "table"]
        # a paragraph after the item with its own subject and deadline is a task of its own
        own = [t for t in paras if has_deadline(t) and self.resolver.subject(t)]
        rest = [t for t in paras if t not in own]
        task = self._sentence_task(ref, item.text, rest)
        tasks = [task] if task is not None else []
        if task is None:
            own = [t for t in paras if not self.labelled or has_deadline(t)]
        for index, text in enumerate(own, start=1):
            found = self._sentence_task(f"{ref}.{index}", text, [])
            if found is not None:
                tasks.append(found)
        return tasks

    def _sentence_task(self, ref: str, text: str, more: list[str]) -> ParsedTask | None:
        """A sentence that assigns work to its subject: "Các sở, ban, ngành … xây dựng kế
        hoạch …, gửi về Công an tỉnh trước ngày 15/12/2026". None when it names no agency and
        sets no deadline (a rule, not a task)."""
        found = self.resolver.subject(text)
        if found is None and not has_deadline(text):
            return None
        task = ParsedTask(ref=ref, content="\n".join([text, *more]), source="inline")
        if found:
            task.lead = self._parties(found[0])
        coordinators = self.resolver.coordinators(text)
        if coordinators:
            task.coordinating = self._parties(coordinators)
        task.content = " ".join(task.content.split())
        return self._finish(task, timing_given=False)

    # --- tables -----------------------------------------------------------------------------

    @staticmethod
    def _table_columns(row: list[str]) -> dict[str, int]:
        columns: dict[str, int] = {}
        for index, cell in enumerate(row):
            role = column_role(cell)
            if role and role not in columns:
                columns[role] = index
        return columns

    def _table_tasks(self, table: Table, ref: str) -> list[ParsedTask]:
        rows = [[nfc(c).strip() for c in row] for row in table.rows if any(c.strip() for c in row)]
        header_index = next(
            (
                i
                for i, row in enumerate(rows[:5])
                if {"content", "lead"} <= set(self._table_columns(row))
            ),
            None,
        )
        if header_index is None:
            return []
        columns = self._table_columns(rows[header_index])
        tasks: list[ParsedTask] = []
        section_mark, section_title, counter, parent = "", "", 0, ""

        def cell(row: list[str], key: str) -> str:
            index = columns.get(key)
            return row[index].strip() if index is not None and index < len(row) else ""

        for row in rows[header_index + 1 :]:
            content = cell(row, "content")
            number = cell(row, "ref").rstrip(".").strip()
            others = [cell(row, k) for k in ("lead", "coordinating", "timing")]
            distinct = [c for c in row if c.strip()]
            if all(re.fullmatch(r"\(?\d{1,2}\)?", c) for c in distinct):
                continue  # the column numbers under the headings: (1) (2) (3)
            group = _group_row(number, content, others, distinct)
            if group is not None:
                section_mark, section_title = group
                counter, parent = 0, ""
                continue
            if not content:
                continue
            if not number and tasks and content[:1].islower() and not any(others):
                tasks[-1].content = f"{tasks[-1].content} {content}"  # a row cut by a page
                continue
            letter = re.fullmatch(r"([a-zđ])\)?", number)
            if letter and parent:
                mark = f"{parent}.{letter.group(1)}"
            else:
                counter += 1
                mark = number or str(counter)
                parent = mark
            task_ref = ".".join(p for p in (ref or "PL", section_mark, mark) if p)
            lead_words = cell(row, "lead")
            coordinating_words = cell(row, "coordinating")
            _rest, labelled = _split_labels(lead_words)
            if "lead" in labelled:  # one "Đơn vị thực hiện" cell: "Chủ trì: X; Phối hợp: Y"
                lead_words = labelled["lead"]
                coordinating_words = labelled.get("coordinating", coordinating_words)
            task = ParsedTask(
                ref=task_ref,
                content=content,
                section=section_title,
                lead=self._parties(lead_words),
                coordinating=self._parties(coordinating_words),
                output=cell(row, "output"),
                source="table",
            )
            if not lead_words:
                task.flags.append(Flag("no_lead", "lead"))
            timing_words = cell(row, "timing")
            if timing_words:
                task.timing = self._timing(timing_words)
            tasks.append(self._finish(task, timing_given=bool(timing_words)))
        return tasks


def _group_row(
    number: str, content: str, others: list[str], distinct: list[str]
) -> tuple[str, str] | None:
    """A row that heads a group of rows: "I | CÔNG TÁC TUYÊN TRUYỀN", "II. Hoàn thiện thể chế"
    spanning the table, or a title in capitals alone on its row."""
    if any(others):
        return None
    roman = re.fullmatch(r"([IVX]{1,5}|[A-Z])", number)
    if roman and content:
        return roman.group(1), content
    if len(set(distinct)) == 1:
        only = distinct[0]
        spanning = re.match(r"^([IVX]{1,5}|[A-Z])\s*[.)]\s+(\S.*)$", only)
        if spanning:
            return spanning.group(1), spanning.group(2)
        if _is_upper_heading(only):
            return number, only
    if content and not number and _is_upper_heading(content):
        return "", content
    numbered = re.match(r"^([IVX]{1,5}|[A-Z]|\d{1,2})\s*[.)]\s+(\S.*)$", content)
    if numbered and not number and distinct == [content]:
        return numbered.group(1), numbered.group(2)  # "1. Kiểm tra tại cấp xã" over its rows
    return None


def _review(task: ParsedTask) -> None:
    """What the reviewer must check about a task's parties: a lead missing or not in the
    directory, a named coordinator not in the directory, and any name that is no agency."""
    task.uncertain = [u for u in task.uncertain if u not in {"lead", "coordinating"}]
    if not task.lead or any(not p.resolved for p in task.lead):
        task.uncertain.append("lead")
    if any(not p.resolved and not is_vague(p) for p in task.coordinating):
        task.uncertain.append("coordinating")
    task.flags = [f for f in task.flags if f.code != "not_an_agency"]
    for name, parties in (("lead", task.lead), ("coordinating", task.coordinating)):
        for party in parties:
            if not party.recognised:
                task.flags.append(Flag("not_an_agency", name, party.words))


def _copy(party: Party) -> Party:
    return Party(party.words, party.name, party.agency_id, party.group_code, party.kind)


def _unique_refs(tasks: list[ParsedTask]) -> list[ParsedTask]:
    seen: dict[str, int] = {}
    for task in tasks:
        if task.ref in seen:
            seen[task.ref] += 1
            task.ref = f"{task.ref}-{seen[task.ref]}"
        else:
            seen[task.ref] = 1
    return tasks
