"""Recognising agency and group names in a plan's words, against the province's directory.

Plans write the same body many ways: "Ủy ban nhân dân các xã, phường" and "UBND các xã,
phường", "Sở TT&TT" and "Sở Thông tin và Truyền thông", with or without diacritics, with the
province's name or without it. Both the directory's names and the plan's words are brought to
one canonical form (folded, long forms contracted to their usual abbreviations, province names
dropped) and matched longest first. Whatever is left is cut into candidate names and kept in
the plan's words, marked with what it was recognised as: the shape of an agency's name ("Sở …",
"Cục …", "Ủy ban nhân dân …"), a plural of bodies ("các cơ quan, đơn vị liên quan"), or nothing
known — which the parser turns into a flag for the reviewer, never a silent agency.

Plans also name agencies inside sentences: the subject before the verb ("Sở Tư pháp; UBND các
xã, phường tiếp tục tổ chức …") and the partners after "phối hợp với …". `subject_end` and
`phrase_end` find where such a phrase stops: at the first verb, adverb or preposition written
in lower case (inside a name those words are capitalised: "Ban Quản lý", "Ban Chỉ đạo").
"""

from __future__ import annotations

import functools
import re
from collections.abc import Iterable
from dataclasses import dataclass

from bmnn.core.text import fold, fold_aligned
from bmnn.plans.importer.model import Party

# Long form -> the abbreviation plans also use; applied to folded text, longest first.
CONTRACTIONS = [
    ("mat tran to quoc viet nam", "mttq"),
    ("mat tran to quoc", "mttq"),
    ("mttq viet nam", "mttq"),
    ("uy ban nhan dan", "ubnd"),
    ("hoi dong nhan dan", "hdnd"),
    ("dai bieu quoc hoi", "dbqh"),
    ("thong tin va truyen thong", "tt&tt"),
    ("tt va tt", "tt&tt"),
    ("khoa hoc va cong nghe", "kh&cn"),
    ("van hoa, the thao va du lich", "vhtt&dl"),
    ("van hoa the thao va du lich", "vhtt&dl"),
    ("giao duc va dao tao", "gd&dt"),
    ("lao dong, thuong binh va xa hoi", "ldtb&xh"),
    ("nong nghiep va moi truong", "nn&mt"),
    ("nong nghiep va phat trien nong thon", "nn&ptnt"),
    ("tai nguyen va moi truong", "tn&mt"),
    ("dan toc va ton giao", "dt&tg"),
    ("trung uong", "tw"),
    ("van phong", "vp"),
    ("ban chap hanh", "bch"),
]
# The words an agency's name starts with. A candidate that starts with one of them, capitalised,
# and names something after it has the shape of an agency. Compared with their diacritics
# ("Báo" is a newspaper, "Bảo đảm" is not); a word typed without any is compared folded.
ORG_WORDS_VI = (
    "sở",
    "ban",
    "văn phòng",
    "vp",
    "ubnd",
    "ủy ban",
    "công an",
    "báo",
    "đài",
    "hội",
    "thanh tra",
    "kho bạc",
    "cục",
    "chi cục",
    "tổng cục",
    "tòa án",
    "viện",
    "liên đoàn",
    "tỉnh đoàn",
    "đoàn",
    "bộ",
    "vụ",
    "bảo hiểm",
    "ngân hàng",
    "bộ chỉ huy",
    "bộ tư lệnh",
    "quân sự",
    "bộ đội",
    "thuế",
    "hải quan",
    "công ty",
    "tổng công ty",
    "trường",
    "trung tâm",
    "mttq",
    "mặt trận",
    "hđnd",
    "hội đồng",
    "tạp chí",
    "học viện",
    "đại học",
    "bệnh viện",
    "phòng",
    "tỉnh ủy",
    "thành ủy",
    "huyện ủy",
    "đảng ủy",
    "liên minh",
    "hiệp hội",
    "cảnh sát",
    "thống kê",
    "thủ tướng",
    "chính phủ",
    "quốc hội",
    "kiểm toán",
    "ban chỉ đạo",
    "ubmttq",
    "bchqs",
    "vks",
    "tand",
)
# Nouns for kinds of bodies, written in lower case after "các" or alone ("các cơ quan, đơn vị")
GENERIC = ("co quan", "don vi", "dia phuong", "to chuc", "doanh nghiep", "co so")
# The titles of heads of bodies: "Giám đốc các sở" means the departments
HEAD_TITLES_VI = (
    "phó giám đốc",
    "giám đốc",
    "thủ trưởng",
    "phó chủ tịch",
    "chủ tịch",
    "người đứng đầu",
    "lãnh đạo",
    "chánh văn phòng",
    "chánh thanh tra",
    "bộ trưởng",
    "tổng giám đốc",
    "cục trưởng",
    "vụ trưởng",
    "viện trưởng",
    "hiệu trưởng",
    "chỉ huy trưởng",
    "trưởng",
    "tổng biên tập",
    "bí thư",
    "chánh án",
)
HEAD_TITLES = tuple(fold(w) for w in HEAD_TITLES_VI)
FILLER = {
    "",
    "va",
    "voi",
    "de nghi",
    "giao",
    "cac",
    "cung",
    "tinh",
    "cua",
    "gom",
    "lien quan",
    "co lien quan",
    "khac",
    "khac co lien quan",
    "khac lien quan",
    "tren dia ban",
    "thuoc tinh",
    "cung cap",
    "trong tinh",
    "ngoai tinh",
    "trong va ngoai tinh",
    "huu quan",
}
VAGUE = re.compile(r"^(cac )?(co quan|don vi|dia phuong)[ ,a-z]*lien quan$")
# A name glued to the group that follows it: "UBND cấp" + "xã, phường"
_ABSORBED = {"ubnd", "ubnd cap", "cap", *HEAD_TITLES}

# Verbs, adverbs and prepositions that end an agency phrase when written in lower case: general
# administrative vocabulary, with diacritics (folded, "về" and "vệ" would be one word). Verbs
# that end nouns used in names ("đào tạo", "bầu cử", "việc làm", "trợ giúp") are left out.
_STOP_WORDS = (
    "chủ trì",
    "phối hợp",
    "thực hiện",
    "tổ chức",
    "triển khai",
    "xây dựng",
    "tham mưu",
    "hướng dẫn",
    "đầu tư",
    "hoàn thiện",
    "hoàn thành",
    "hoàn tất",
    "rà soát",
    "rà quét",
    "kiểm tra",
    "tự kiểm tra",
    "theo dõi",
    "đôn đốc",
    "tổng hợp",
    "báo cáo",
    "trình",
    "ban hành",
    "tiếp tục",
    "chỉ đạo",
    "có trách nhiệm",
    "chịu trách nhiệm",
    "nghiên cứu",
    "đề xuất",
    "quán triệt",
    "tuyên truyền",
    "phổ biến",
    "căn cứ",
    "tăng cường",
    "nâng cao",
    "đẩy mạnh",
    "đẩy nhanh",
    "bảo đảm",
    "đảm bảo",
    "thẩm định",
    "thẩm tra",
    "lập",
    "gửi",
    "cung cấp",
    "phát hiện",
    "xử lý",
    "giám sát",
    "khẩn trương",
    "chủ động",
    "nghiêm túc",
    "định kỳ",
    "thường xuyên",
    "kịp thời",
    "tích cực",
    "tập trung",
    "cụ thể hóa",
    "cụ thể hoá",
    "thiết lập",
    "thành lập",
    "vận hành",
    "ứng dụng",
    "bố trí",
    "cân đối",
    "huy động",
    "thu hút",
    "là",
    "được",
    "phải",
    "cần",
    "sớm",
    "nêu cao",
    "phát huy",
    "lồng ghép",
    "tiến hành",
    "đánh giá",
    "khảo sát",
    "điều tra",
    "hỗ trợ",
    "bồi dưỡng",
    "tập huấn",
    "kiện toàn",
    "củng cố",
    "sửa đổi",
    "bổ sung",
    "tiếp nhận",
    "giải quyết",
    "yêu cầu",
    "nắm",
    "phân công",
    "thống kê",
    "phê duyệt",
    "chuẩn bị",
    "cập nhật",
    "công bố",
    "thông báo",
    "đồng thời",
    "nhanh chóng",
    "quyết liệt",
    "đồng bộ",
    "hiệu quả",
    "chặt chẽ",
    "sâu sát",
    "duy trì",
    "quản lý",
    "đưa",
    "khắc phục",
    "chấn chỉnh",
    "xem xét",
    "sử dụng",
    "ưu tiên",
    "xác định",
    "điều chỉnh",
    "xác minh",
    "đối chiếu",
    "tuân thủ",
    "chấp hành",
    "đăng ký",
    "công khai",
    "biên soạn",
    "soạn thảo",
    "trang bị",
    "mua sắm",
    "trong",
    "tại",
    "theo",
    "để",
    "nhằm",
    "về",
    "đối với",
    "khi",
    "nếu",
    "thì",
    "bằng",
    "qua",
    "từ",
    "đến",
    "trước",
    "sau",
    "ngay",
    "trên",
    "tùy theo",
    "mỗi",
    "hằng năm",
    "hàng năm",
    "hằng quý",
    "hàng quý",
    "hằng tháng",
    "hàng tháng",
)
_STOP_RE = re.compile(
    r"(?:" + "|".join(re.escape(w) for w in sorted(_STOP_WORDS, key=len, reverse=True)) + r")(?!\w)"
)
_PLAIN_STOP_RE = re.compile(
    r"(?:"
    + "|".join(re.escape(fold(w)) for w in sorted(_STOP_WORDS, key=len, reverse=True))
    + r")(?![a-z0-9])"
)
# The words for kinds of bodies a group is made of ("các sở", "các ban, ngành", "các xã")
_KIND_TOKENS = {"so", "ban", "nganh", "xa", "phuong", "huyen", "thi", "tran", "doan", "the"}
# What bodies are told to do, right after them: "Các tổ dân phố phối hợp …", "… báo cáo …"
_AGENT_VERB = re.compile(
    r"(?:chu tri|phoi hop|co trach nhiem|chiu trach nhiem|bao cao|gui|to chuc|trien khai|"
    r"xay dung|tuyen truyen|thong bao|ra soat|kiem tra|tham muu|theo doi|phai|can|chu dong|"
    r"tich cuc|khan truong|kip thoi|thuong xuyen|thuc hien nghiem)(?![a-z])"
)
_UNIT_AFTER = re.compile(r"\s*,\s*(?:thanh pho|xa|phuong|huyen|thi xa|thi tran)(?![a-z])")
_WORD_START = re.compile(r"(?<![\w&])\w")
_OPENERS = (
    "tren co so",
    "can cu",
    "de ",
    "nham ",
    "theo ",
    "trong qua trinh",
    "sau khi",
    "khi ",
    "neu ",
    "truong hop",
    "trong truong hop",
    "dinh ky",
    "hang nam",
    "hang thang",
)
# Words that start like an agency but are not one: "Báo cáo", "Ban hành", "Hội nghị"
_NOT_ORG = (
    "báo cáo",
    "báo chí",
    "ban hành",
    "hội nghị",
    "hội thảo",
    "hội viên",
    "phòng ngừa",
    "phòng chống",
    "phòng, chống",
    "trường hợp",
    "sở hữu",
    "bộ máy",
    "bộ luật",
    "bộ tiêu chí",
    "bộ công cụ",
    "vụ việc",
    "cục bộ",
    "đoàn kết",
    "đoàn thể",
    "thuế suất",
    "trung tâm hóa",
)
_COORD_RE = re.compile(r"phoi hop(?: chat che)?(?: voi)?(?: cac co quan chu tri,?)?\s+")


def _has_diacritics(text: str) -> bool:
    return any(ord(ch) > 127 and ch.isalpha() for ch in text)


def _starts_with(folded: str, words: Iterable[str]) -> str:
    """The longest of `words` that `folded` starts with as whole words, or ""."""
    best = ""
    for word in words:
        if len(word) > len(best) and re.match(re.escape(word) + r"(?![a-z0-9&])", folded):
            best = word
    return best


def org_word(words: str) -> str:
    """The agency word `words` start with ("Sở", "Ủy ban", "Công an", …), or ""."""
    found = words.strip().split()[:2]
    lowered = " ".join(w.lower().replace("uỷ", "ủy").replace("toà", "tòa") for w in found)
    if lowered.startswith(_NOT_ORG) or (
        not _has_diacritics(lowered) and lowered.startswith(tuple(fold(w) for w in _NOT_ORG))
    ):
        return ""
    return _prefix(words, ORG_WORDS_VI)


def head_title(words: str) -> str:
    """The title of a body's head `words` start with ("Giám đốc", "Thủ trưởng"), or ""."""
    return _prefix(words, HEAD_TITLES_VI)


def _prefix(words: str, entries: Iterable[str]) -> str:
    """The longest entry `words` start with, word by word: with diacritics, or folded for a
    word typed without any ("Vu" for "Vụ")."""
    found = words.strip().split()[:4]
    lowered = [w.lower().replace("uỷ", "ủy").replace("toà", "tòa").strip(",;:.") for w in found]
    best = ""
    for entry in entries:
        parts = entry.split()
        if len(parts) > len(lowered) or len(entry) <= len(best):
            continue
        if all(
            word == part if _has_diacritics(word) else word == fold(part)
            for word, part in zip(lowered, parts, strict=False)
        ):
            best = entry
    return best


@functools.lru_cache(maxsize=65536)
def looks_like_agency(words: str) -> str:
    """What some words not in the directory look like: "pattern" for the shape of an agency's
    name ("Cục Biến đổi khí hậu", "Ủy ban nhân dân cấp xã"), "plural" for bodies named by kind
    ("các bộ, ngành", "cơ quan, đơn vị liên quan"), "" for anything else."""
    words = words.strip()
    key = canonical(words)
    if not key:
        return ""
    if VAGUE.match(key.replace(",", "")) or _starts_with(key, GENERIC):
        return "plural"
    if key.startswith(("cac ", "nhung ")):
        rest = key.split(" ", 1)[1]
        if org_word(words.split(" ", 1)[1]) or _starts_with(
            rest, (*GENERIC, "nganh", "cap", "xa", "phuong", "huyen")
        ):
            return "plural"
        return ""
    org = org_word(words)
    capitalised = words[:1].isupper() or not _has_diacritics(words)
    if org and capitalised and len(words.split()) > len(org.split()) and len(key.split()) <= 16:
        return "pattern"
    return ""


@dataclass(frozen=True)
class AgencyEntry:
    id: int
    name: str
    type: str = ""


@dataclass(frozen=True)
class GroupEntry:
    code: str
    name: str
    aliases: tuple[str, ...] = ()


class Canonical:
    """A canonical form of some words, with the position in the original of each character."""

    def __init__(self, text: str, drop: Iterable[str] = ()) -> None:
        folded = fold_aligned(text)
        chars = list(folded)
        positions = list(range(len(folded)))
        for long, short in CONTRACTIONS:
            chars, positions = self._replace(chars, positions, long, short)
        for name in drop:  # the province's name, not a ward's or a district's of the same name
            chars, positions = self._replace(chars, positions, name, "", after_unit=False)
        # one space between words, none before punctuation
        out_chars: list[str] = []
        out_pos: list[int] = []
        for ch, pos in zip(chars, positions, strict=True):
            if ch.isspace():
                if out_chars and out_chars[-1] != " ":
                    out_chars.append(" ")
                    out_pos.append(pos)
                continue
            if ch in ",;" and out_chars and out_chars[-1] == " ":
                out_chars.pop()
                out_pos.pop()
            out_chars.append(ch)
            out_pos.append(pos)
        self.text = "".join(out_chars).strip()
        offset = len("".join(out_chars)) - len("".join(out_chars).lstrip())
        self.positions = out_pos[offset : offset + len(self.text)]

    @staticmethod
    def _replace(
        chars: list[str], positions: list[int], long: str, short: str, *, after_unit: bool = True
    ) -> tuple[list[str], list[int]]:
        text = "".join(chars)
        units = "" if after_unit else r"(?<!phuong )(?<!xa )(?<!huyen )(?<!quan )(?<!pho )"
        pattern = re.compile(rf"(?<![a-z0-9&]){units}{re.escape(long)}(?![a-z0-9&])")
        if not pattern.search(text):
            return chars, positions
        new_chars: list[str] = []
        new_pos: list[int] = []
        cursor = 0
        for match in pattern.finditer(text):
            new_chars.extend(chars[cursor : match.start()])
            new_pos.extend(positions[cursor : match.start()])
            new_chars.extend(short)
            # first character at the start of the long form, the rest at its end, so a span
            # that covers the abbreviation covers all of the original words
            if short:
                tail = [positions[match.end() - 1]] * (len(short) - 1)
                new_pos.extend([positions[match.start()], *tail])
            cursor = match.end()
        new_chars.extend(chars[cursor:])
        new_pos.extend(positions[cursor:])
        return new_chars, new_pos

    def original_span(self, start: int, end: int, original: str) -> str:
        """The original words behind canonical characters start..end."""
        if start >= end:
            return ""
        first = self.positions[start]
        last = self.positions[end - 1]
        # extend to the end of the original word the last character belongs to
        while (
            original[last].isalnum() and last + 1 < len(original) and original[last + 1].isalnum()
        ):
            last += 1
        return original[first : last + 1]


def canonical(text: str, drop: Iterable[str] = ()) -> str:
    return Canonical(text, drop).text


class Resolver:
    """Finds directory agencies and groups in a piece of a plan."""

    def __init__(
        self,
        agencies: Iterable[AgencyEntry],
        groups: Iterable[GroupEntry] = (),
        place_names: Iterable[str] = (),
    ) -> None:
        self.place_names = sorted(
            {fold(p) for p in place_names if p.strip()}, key=len, reverse=True
        )
        self.patterns: dict[str, tuple[str, AgencyEntry | GroupEntry]] = {}
        for agency in agencies:
            key = self._canon(agency.name)
            if key:
                self.patterns.setdefault(key, (agency.name, agency))
        for group in groups:
            for words in (group.name, *group.aliases):
                key = self._canon(words)
                if key:
                    self.patterns.setdefault(key, (group.name, group))
                    if key.startswith("cac "):
                        self.patterns.setdefault(key[4:], (group.name, group))
        alternatives = sorted(self.patterns, key=len, reverse=True)
        self.regex = re.compile(
            r"(?<![a-z0-9&])(" + "|".join(re.escape(a) for a in alternatives) + r")(?![a-z0-9&])"
            if alternatives
            else r"(?!x)x"
        )

    def with_places(self, place_names: Iterable[str]) -> Resolver:
        """A resolver that also ignores the given place names (the plan's own province)."""
        clone = object.__new__(Resolver)
        clone.__dict__.update(self.__dict__)
        extra = {fold(p) for p in place_names if p.strip()}
        clone.place_names = sorted(set(self.place_names) | extra, key=len, reverse=True)
        return clone

    def _canon(self, text: str) -> str:
        return Canonical(text, self._drops()).text

    def _drops(self) -> list[str]:
        return list(self.place_names)

    def resolve(self, words: str) -> list[Party]:
        """Every agency or group named in `words`, in order; other names in the plan's words,
        marked with what they look like (`looks_like_agency`)."""
        original = " ".join(words.split())
        canon = Canonical(original, self._drops())
        parties: list[Party] = []
        cursor = 0
        for match in self.regex.finditer(canon.text):
            if _UNIT_AFTER.match(canon.text, match.end()) and match.group(1).endswith(" tinh"):
                continue  # "UBND tỉnh, thành phố trực thuộc TW": every province, not this one
            before = canon.text[cursor : match.start()]
            glued = re.split(r"[,;]| va ", before.rstrip(" "))[-1].strip()
            name, entry = self.patterns[match.group(1)]
            if isinstance(entry, GroupEntry) and before.endswith(" ") and glued in _ABSORBED:
                # "UBND cấp xã, phường", "Chủ tịch UBND các xã, phường": the group itself
                before = before[: len(before.rstrip(" ")) - len(glued)]
            parties.extend(self._leftovers(canon, cursor, cursor + len(before), original))
            party_words = canon.original_span(match.start(), match.end(), original)
            if isinstance(entry, AgencyEntry):
                parties.append(Party(party_words, name, agency_id=entry.id, kind="agency"))
            else:
                parties.append(Party(party_words, name, group_code=entry.code, kind="group"))
            cursor = match.end()
        parties.extend(self._leftovers(canon, cursor, len(canon.text), original))
        unique: list[Party] = []
        seen: set[tuple[object, ...]] = set()
        for party in parties:
            key = (party.agency_id, party.group_code, party.name if not party.resolved else "")
            if key not in seen:
                seen.add(key)
                unique.append(party)
        return unique

    def _leftovers(self, canon: Canonical, start: int, end: int, original: str) -> list[Party]:
        piece = canon.text[start:end]
        parties = []
        spans = _split_names(piece, canon, start, original)
        # the original words up to the next name: a place name dropped from the canonical form
        # ("Báo Bắc Lâm") belongs to the last candidate
        region_end = canon.positions[end] if end < len(canon.positions) else len(original)
        for index, (part_start, part_end) in enumerate(spans):
            words = canon.original_span(start + part_start, start + part_end, original)
            if part_end > part_start:
                first = canon.positions[start + part_start]
                following = (
                    canon.positions[start + spans[index + 1][0]]
                    if index + 1 < len(spans)
                    else region_end
                )
                tail = re.sub(r"(?:[\s,;]+(?:và|va)?)+$", "", original[first:following])
                if len(tail) > len(words):
                    words = tail
            words = _trim(words)
            if not words:
                continue
            group = self._plural_group(words)
            if group is not None:
                parties.append(Party(words, group.name, group_code=group.code, kind="group"))
                continue
            parties.append(Party(words, words, kind=looks_like_agency(words)))
        return parties

    def _plural_group(self, words: str) -> GroupEntry | None:
        """ "các Sở", "các ban, ngành tỉnh": a plural of the kinds of bodies one group holds."""
        key = self._canon(words)
        if not key.startswith("cac "):
            return None
        tokens = set(re.split(r"[ ,]+", key[4:])) - {"", "va", "tinh"}
        if not tokens <= _KIND_TOKENS:
            return None
        for pattern, (_name, entry) in self.patterns.items():
            if isinstance(entry, GroupEntry):
                pattern_tokens = set(re.split(r"[ ,]+", pattern)) - {"", "cac", "va"}
                if tokens and tokens <= pattern_tokens:
                    return entry
        return None

    # --- agencies inside sentences ----------------------------------------------------------

    def _protected(self, text: str) -> list[tuple[int, int]]:
        """The spans of `text` that are directory names: a phrase never ends inside one."""
        canon = Canonical(text, self._drops())
        spans = []
        for match in self.regex.finditer(canon.text):
            start, end = canon.positions[match.start()], canon.positions[match.end() - 1] + 1
            name, entry = self.patterns[match.group(1)]
            if isinstance(entry, GroupEntry) or _same_capitals(text[start:end], name):
                spans.append((start, end))
        return spans

    def phrase_end(self, text: str, start: int = 0, stops: str = ";.:") -> tuple[int, str]:
        """Where an agency phrase that starts at `start` ends, and why: "verb" (a lower-case
        verb, adverb or preposition), "punct" (one of `stops`) or "end". Parentheses are
        stepped over; a "." ends only before a space or the end (not "TN&MT.")."""
        protected = self._protected(text)
        stop_re, haystack = _STOP_RE, text.lower()
        if not _has_diacritics(text):
            stop_re, haystack = _PLAIN_STOP_RE, fold_aligned(text)
        depth = 0
        index = start
        while index < len(text):
            ch = text[index]
            if ch == "(":
                depth += 1
            elif ch == ")" and depth:
                depth -= 1
            elif depth == 0 and ch in stops:
                if ch != "." or index + 1 == len(text) or text[index + 1].isspace():
                    return index, "punct"
            elif (
                depth == 0
                and ch.isalpha()
                and ch.islower()
                and (index == 0 or not text[index - 1].isalnum())
                and index > start
                and not any(a <= index < b for a, b in protected)
                and stop_re.match(haystack, index)
                and not _noun_here(text, index)
            ):
                return index, "verb"
            index += 1
        return len(text), "end"

    def subject(self, text: str) -> tuple[str, int] | None:
        """The agencies a sentence opens with, as written, and where its predicate starts:
        "Sở Tư pháp; UBND các xã, phường tiếp tục tổ chức …" -> ("Sở Tư pháp; UBND các xã,
        phường", 41). An opening clause ("Trên cơ sở …, các Bộ … tổ chức") is stepped over."""
        folded = fold_aligned(text)
        start = self._subject_start(text, folded, 0)
        label = re.match(r"[^:;.,]{1,60}:\s*", text)
        if start is None and label:  # "Báo cáo định kỳ: các sở … gửi …"
            start = self._subject_start(text, folded, label.end())
        if start is None and folded.startswith(_OPENERS):
            sentence_end = text.find(". ")
            limit = sentence_end if sentence_end > 0 else len(text)
            for comma in re.finditer(r",\s+", text[:limit]):
                start = self._subject_start(text, folded, comma.end())
                if start is not None:
                    break
        if start is None:
            return None
        end, why = self.phrase_end(text, start, stops=":.")
        if why == "end" or (why == "punct" and text[end] == "."):
            return None
        words = re.sub(r"\s*\([^()]*\)", "", text[start:end]).strip(" ,;")  # an apposition
        if not words or len(words.split()) > 40:
            return None
        if not any(p.recognised for p in self.resolve(words)):
            # bodies named by what they are ("Các tổ dân phố", "Các thành viên Ban Chỉ đạo"):
            # a subject only before a verb that bodies are given as work; flagged as no agency
            plural = fold(_trim_title(words)).startswith(("cac ", "nhung "))
            if not (plural and why == "verb" and _AGENT_VERB.match(fold_aligned(text), end)):
                return None
        predicate = end + 1 if text[end : end + 1] == ":" else end
        return words, predicate

    @staticmethod
    def _subject_start(text: str, folded: str, index: int) -> int | None:
        rest = folded[index:]
        for prefix in ("giao ", "de nghi "):
            if rest.startswith(prefix):
                index, rest = index + len(prefix), rest[len(prefix) :]
        if head_title(text[index : index + 40]):
            return index
        # "cơ quan, đơn vị …" as the subject; "Tổ chức …" opens with the verb "to organise"
        if rest.startswith(("cac ", "nhung ")) or _starts_with(rest, GENERIC[:3]):
            return index
        org = org_word(text[index : index + 40])
        first = text[index : index + 1]
        if org and (first.isupper() or not _has_diacritics(text)):
            return index
        return None

    def names_bodies(self, text: str) -> bool:
        """Whether some words start the way a list of bodies does (an agency word, "các …", a
        head's title)."""
        return self._subject_start(text, fold_aligned(text), 0) is not None

    def coordinators(self, text: str) -> str:
        """The partners named after "phối hợp (chặt chẽ) với", cut before the verb."""
        folded = fold_aligned(text)
        for match in _COORD_RE.finditer(folded):
            with_word = "voi" in folded[match.start() : match.end()]
            if not with_word and self._subject_start(text, folded, match.end()) is None:
                continue  # "phối hợp thanh tra, kiểm tra": a way of working, not partners
            end, _why = self.phrase_end(text, match.end(), stops=";.:)")
            words = text[match.end() : end].strip(" ,;")
            if words:
                return words
        return ""

    def heading_parties(self, text: str) -> list[Party]:
        """A heading that is nothing but agencies ("2. Sở Tư pháp", "Các sở, ban, ngành;
        UBND các xã, phường:"), or [] when it says more than that."""
        words = re.sub(r"\s*\([^()]*\)", "", text).strip().rstrip(":").strip()
        if not words:
            return []
        _end, why = self.phrase_end(words, 0, stops=":.")
        if why != "end" or self._subject_start(words, fold_aligned(words), 0) is None:
            return []
        parties = self.resolve(words)
        return parties if parties and all(p.recognised for p in parties) else []


def _same_capitals(words: str, name: str) -> bool:
    """Whether no word written in lower case is capitalised in the name ("Sở xây dựng kế
    hoạch" is not "Sở Xây dựng")."""
    capitals = {fold(w) for w in name.split() if w[:1].isupper()}
    return not any(w[:1].islower() and fold(w) in capitals for w in words.split())


def _trim_title(words: str) -> str:
    title = head_title(words)
    return " ".join(words.split()[len(title.split()) :]) if title else words


def _trim(words: str) -> str:
    """A candidate name without list words, head titles and qualifiers around it."""
    words = words.strip(" ,;.:()").strip()
    changed = True
    while changed and words:
        changed = False
        key = fold(words)
        for prefix in ("de nghi ", "giao ", "va ", "voi ", "phoi hop voi ", "cung "):
            if key.startswith(prefix):
                words, changed = words[len(prefix) :].strip(" ,;"), True
                break
        else:
            title = head_title(words)
            if title and len(words.split()) > len(title.split()):
                words, changed = " ".join(words.split()[len(title.split()) :]).strip(" ,;"), True
    words = _before_verb(words)
    key = fold(words)
    qualifier = re.search(r"(?:^|\s)truc thuoc\b", key)
    if qualifier:
        words = words[: qualifier.start()].strip(" ,;")
        key = fold(words)
    if key in FILLER or key in HEAD_TITLES or len(key) < 3:
        return ""
    return words


def _noun_here(text: str, index: int) -> bool:
    """ "tổ chức" is a verb and a noun; listed among bodies ("các cơ quan, tổ chức", "các tổ
    chức thành viên") it is the noun. So is a verb after "nhà", "chủ": "nhà cung cấp",
    "chủ đầu tư"."""
    here = fold(text[index : index + 8])
    before = text[:index].rstrip()
    if re.search(r"(?:^|\s)(nha|chu)$", fold(before)):  # "nhà đầu tư", "nhà cung cấp"
        return True
    if not here.startswith("to chuc"):
        return False
    return before.endswith(",") or fold(before).endswith((" cac", " nhung")) or before == ""


def _before_verb(words: str) -> str:
    """A candidate cut before the verb that follows it ("Cơ sở khám bệnh, chữa bệnh trình cấp
    có thẩm quyền"); nothing when it starts with one ("đối với địa phương")."""
    stop_re, haystack = _STOP_RE, words.lower()
    if not _has_diacritics(words):
        stop_re, haystack = _PLAIN_STOP_RE, fold_aligned(words)
    for match in _WORD_START.finditer(words):
        index = match.start()
        if (
            words[index].islower()
            and not _noun_here(words, index)
            and stop_re.match(haystack, index)
        ):
            return "" if index == 0 else words[:index].strip(" ,;")
    return words


def _split_names(piece: str, canon: Canonical, offset: int, original: str) -> list[tuple[int, int]]:
    """Splits leftover text into candidate names: on ';' always; on ',' and ' và ' only where
    a new name starts (a capitalised agency word, "các …", a head title, or a lower-case kind
    of body after a named one: "Bộ Y tế, cơ quan, đơn vị liên quan"). Anything else stays with
    the name before it ("Viện Chiến lược, Chính sách …", "Cơ sở khám bệnh, chữa bệnh")."""

    def capitalised(position: int) -> bool:
        index = offset + position
        if index >= len(canon.positions):
            return False
        ch = original[canon.positions[index]]
        return ch.isupper() or not _has_diacritics(original)

    spans: list[tuple[int, int]] = []
    position = 0
    for chunk in re.split(r"(;)", piece):
        if chunk == ";":
            position += 1
            continue
        parts = re.split(r"(,| va )", chunk)
        current: tuple[int, int] | None = None
        current_generic = False
        cursor = position
        for index, part in enumerate(parts):
            if index % 2 == 1:
                cursor += len(part)
                continue
            lead = len(part) - len(part.lstrip())
            text = part.strip()
            part_start, part_end = cursor + lead, cursor + lead + len(text)
            cursor += len(part)
            if not text:
                continue
            part_words = canon.original_span(offset + part_start, offset + part_end, original)
            org = org_word(part_words)
            generic = bool(_starts_with(text, GENERIC))
            new_name = (
                current is None
                or (org and capitalised(part_start))
                or text.startswith(("cac ", "nhung "))
                or bool(
                    head_title(
                        canon.original_span(offset + part_start, offset + part_end, original)
                    )
                )
                or (generic and not current_generic)
            )
            if new_name:
                if current is not None:
                    spans.append(current)
                current = (part_start, part_end)
                bare = fold(_trim_title(part_words))  # "Thủ trưởng các cơ quan, đơn vị"
                current_generic = bool(_starts_with(bare, GENERIC)) or bare.startswith(
                    ("cac ", "nhung ")
                )
            elif current is not None:  # (new_name holds when nothing is open yet)
                current = (current[0], part_end)
        if current is not None:
            spans.append(current)
        position += len(chunk)
    return spans


def is_vague(party: Party) -> bool:
    """ "các cơ quan, đơn vị liên quan": a coordinator nobody can be held to."""
    return not party.resolved and bool(VAGUE.match(fold(party.words).replace(",", "")))
