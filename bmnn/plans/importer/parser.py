"""From a plan's lines and tables to its header and tasks.

Real plans come in a few shapes, often mixed in one document:
- labelled lines under a numbered item ("- Cơ quan chủ trì: …", "- Thời gian thực hiện: …");
- inline parentheses ("(Giao Công an tỉnh chủ trì, phối hợp với Sở Tư pháp; Quý III/2026)");
- duty sections ("III. PHÂN CÔNG TRÁCH NHIỆM" → "1. Công an tỉnh" → "- Chủ trì …");
- task tables (appendices with columns for content, lead, coordinators, time limit).
The parser rebuilds the numbered outline (I. → 1. → a) → - → +), then reads each shape.
Lines hard-wrapped by a PDF's text layer are joined back into paragraphs first.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date

from bmnn.core.text import fold, fold_aligned, nfc
from bmnn.plans.importer.agencies import Resolver, is_vague
from bmnn.plans.importer.model import ParsedHeader, ParsedPlan, ParsedTask, Party, Timing
from bmnn.plans.importer.timing import parse_timing

ROMAN_RE = re.compile(r"^(?P<mark>(?:X{0,1})(?:IX|IV|V?I{0,3}))\s*[.)]\s*(?P<text>\S.*)$")
NUM_RE = re.compile(r"^(?P<mark>\d{1,2})\s*[.)]\s*(?P<text>\S.*)?$")
SUBNUM_RE = re.compile(r"^(?P<mark>\d{1,2}\.\d{1,2})\.?\s+(?P<text>\S.*)$")
LETTER_RE = re.compile(r"^(?P<mark>[a-zđ])\)\s*(?P<text>\S.*)?$")
DASH_RE = re.compile(r"^[-–—•·*]\s*(?P<text>\S.*)$")
PLUS_RE = re.compile(r"^\+\s*(?P<text>\S.*)$")

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
LEAD_CLAUSE_RE = re.compile(
    r"^(?:giao\s+)?(?P<lead>(?:so|ban|van phong|vp|ubnd|uy ban|cong an|bao|dai|hoi|thanh tra|"
    r"kho bac|cuc|chi cuc|toa an|vien|lien doan|tinh doan|bao hiem|ngan hang|cac|bo chi huy|"
    r"thue|hai quan|cong ty|trung tam)\b.{0,160}?)\s*,?\s+"
    r"(?:chu tri|chi dao|co trach nhiem|tham muu|thuc hien|huong dan|to chuc|trien khai|"
    r"tham dinh|xay dung|phoi hop)\b"
)
COORD_RE = re.compile(
    r"phoi hop(?: chat che)?(?: voi)?\s+(?P<coord>.+?)(?=\s+(?:to chuc|trien khai|thuc hien|"
    r"tham dinh|huong dan|xay dung|kiem tra|ra soat|tuyen truyen|bao cao|theo doi|don doc|"
    r"tham muu|tong hop|de xuat|chi dao|tap huan|boi duong|quan ly|lap)\b|[;.:)]|$)"
)
DOC_REF_RE = re.compile(
    r"(?:Quyết định|Văn bản|Chỉ thị|Nghị quyết|Nghị định|Thông tư|Luật|Công văn|Kế hoạch|"
    r"Tờ trình|Hướng dẫn)\s+số\s+[\w/.\-()]+(?:\s+ngày\s+\d{1,2}/\d{1,2}/\d{4})?"
    r"(?:\s+của\s+[^,;()]+?)?(?=\s+(?:về|xét|nhằm|để|và|UBND|Ủy ban)\b|[,;()]|\s*$)"
)
# Header patterns run on folded text (so "So: 12/KH" and "Bac Lam, ngay …" match too); the
# values are sliced from the original at the same positions.
PLACE_DATE_RE = re.compile(
    r"(?P<place>[a-z][a-z ]{1,40}?)\s*,\s*ngay\s*(?P<d>\d{1,2})?\s*thang\s*(?P<m>\d{1,2})?"
    r"\s*nam\s*(?P<y>\d{4})"
)
NUMBER_RE = re.compile(r"(?:^|\s)so\s*:\s*(?P<num>[\w.\-]*\s*/\s*[\w\-]+(?:/[\w\-]+)?)")
PROVINCE_RE = re.compile(r"tỉnh\s+((?:[A-ZĐ][\wÀ-ỹ]*\s?){1,3})")


@dataclass
class Table:
    rows: list[list[str]]


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


def _is_upper_heading(text: str) -> bool:
    letters = [ch for ch in text if ch.isalpha()]
    return bool(letters) and sum(ch.isupper() for ch in letters) >= 0.7 * len(letters)


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
    """Joins hard-wrapped lines into paragraphs (when `wrapped`), classifying each one."""
    result: list[Para] = []
    for block in blocks:
        if isinstance(block, Table):
            result.append(Para("table", "", "", block))
            continue
        raw = block.rstrip()
        if not raw.strip():
            continue
        para = _classify(raw.strip())
        previous = result[-1] if result else None
        continues = (
            wrapped
            and para.kind == "text"
            and not LABEL_RE.match(fold_aligned(raw.strip()))
            and previous is not None
            and previous.kind != "table"
            and not previous.text.rstrip().endswith((".", ":", ";", "!", "?"))
            and not (raw[:1].isspace() and raw.strip()[:1].isupper())
        )
        open_parenthesis = (
            previous is not None
            and previous.kind != "table"
            and previous.text.count("(") > previous.text.count(")")
        )
        if wrapped and para.kind == "text" and open_parenthesis:
            continues = True
        if continues and previous is not None:
            previous.text = f"{previous.text.rstrip()} {raw.strip()}"
        else:
            result.append(para)
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
    if "muc dich" in folded or folded.startswith("yeu cau"):
        return "purposes"
    if "kinh phi" in folded:
        return "budget"
    if "to chuc thuc hien" in folded:
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


EXPLICIT_DEADLINE_RE = re.compile(
    r"(?:hoàn thành |chậm nhất |xong )?(?:trước|trong|chậm nhất|trước ngày)\s+"
    r"(?:ngày\s+\d{1,2}/\d{1,2}/\d{4}|quý\s+[IV\d]+(?:\s*(?:/|năm)\s*\d{4})?|tháng\s+\d{1,2}"
    r"\s*(?:/|năm)\s*\d{4}|năm\s+\d{4}|\d{1,2}/\d{1,2}/\d{4})",
    re.IGNORECASE,
)


def _timing_words(content: str) -> str:
    """The words of a task's text that may state its time limit when no label does: the opening
    clause ("Thường xuyên …", "Hằng năm, …") and explicit deadlines ("hoàn thành trước ngày …"),
    never the dates of documents the task cites."""
    opening = re.split(r"[,;:.]", content, maxsplit=1)[0]
    opening = " ".join(opening.split()[:3])
    deadlines = [m.group(0) for m in EXPLICIT_DEADLINE_RE.finditer(content)]
    return "; ".join([*deadlines, opening])


class PlanParser:
    def __init__(self, resolver: Resolver) -> None:
        self.base_resolver = resolver
        self.resolver = resolver

    def parse(self, blocks: list[str | Table], *, wrapped: bool) -> ParsedPlan:
        blocks = [nfc(b) if isinstance(b, str) else b for b in blocks]
        header_lines, body, trailer = self._zones(blocks)
        header = self._header(header_lines, trailer)
        places = [header.place, *PROVINCE_RE.findall(" ".join(header_lines))]
        self.resolver = self.base_resolver.with_places([p.strip() for p in places if p])
        self.year = header.date.year if header.date else self._first_year(header_lines)
        paras = paragraphs(body, wrapped=wrapped)
        tree = _outline(paras)
        tasks: list[ParsedTask] = []
        for part in tree.children:
            kind = _section_kind(part.text) if part.kind == "roman" else "tasks"
            ref = part.mark if part.kind == "roman" else ""
            if kind == "purposes":
                header.purposes = self._all_text(part)
            elif kind == "budget":
                header.budget = self._all_text(part)
            elif kind == "duties":
                tasks.extend(self._duties(part, ref))
            elif kind == "tasks":
                tasks.extend(self._tasks(part, ref))
            tasks.extend(self._tables(part, ref))
        for para in tree.paras:
            if para.kind == "table" and para.table:
                tasks.extend(self._table_tasks(para.table, ""))
        if not tasks and not tree.children:
            raise PlanSyntaxError("no numbered parts or task table found")
        return ParsedPlan(header, tasks)

    # --- zones and header -------------------------------------------------------------------

    @staticmethod
    def _zones(blocks: list[str | Table]) -> tuple[list[str], list[str | Table], list[str]]:
        start = next(
            (
                i
                for i, b in enumerate(blocks)
                if isinstance(b, Table) or _classify(b.strip()).kind == "roman"
            ),
            len(blocks),
        )
        end = next(
            (
                i
                for i, b in enumerate(blocks)
                if i >= start and isinstance(b, str) and fold(b).startswith("noi nhan")
            ),
            len(blocks),
        )
        header = [b for b in blocks[:start] if isinstance(b, str)]
        trailer = [b for b in blocks[end:] if isinstance(b, str)]
        return header, blocks[start:end], trailer

    @staticmethod
    def _first_year(lines: list[str]) -> int | None:
        match = re.search(r"(?:năm|/)\s*(20\d\d)\b", " ".join(lines))
        return int(match.group(1)) if match else None

    def _header(self, lines: list[str], trailer: list[str]) -> ParsedHeader:
        header = ParsedHeader()
        text = " ".join(line.strip() for line in lines)
        number = NUMBER_RE.search(fold_aligned(text))
        if number:
            header.number = re.sub(r"\s+", "", text[number.start("num") : number.end("num")])
            if not re.match(r"\d", header.number):
                header.uncertain.append("number")
        else:
            header.uncertain.append("number")
        place_date, line = None, ""
        for candidate in lines:
            line = nfc(candidate.strip())
            place_date = PLACE_DATE_RE.search(fold_aligned(line))
            if place_date:
                break
        if place_date:
            header.place = line[place_date.start("place") : place_date.end("place")].strip()
            header.date_text = line[place_date.start() : place_date.end()].strip()
            day, month, year = place_date.group("d"), place_date.group("m"), place_date.group("y")
            if day and month:
                try:
                    header.date = date(int(year), int(month), int(day))
                except ValueError:
                    header.uncertain.append("date")
            else:
                header.uncertain.append("date")
        else:
            header.uncertain.append("date")
        header.title = self._title(lines)
        intro = " ".join(lines)
        header.legal_basis = [" ".join(m.group(0).split()) for m in DOC_REF_RE.finditer(intro)]
        header.issuer = self._issuer(header, intro, trailer, lines[:6])
        recipients, signer = self._trailer(trailer)
        header.recipients, header.signer = recipients, signer
        return header

    @staticmethod
    def _title(lines: list[str]) -> str:
        stripped = [line.strip() for line in lines if line.strip()]
        for index, line in enumerate(stripped):
            if fold(line).rstrip(" .") == "ke hoach":
                title: list[str] = []
                for following in stripped[index + 1 :]:
                    intro = re.match(r"(thuc hien|can cu|xet|de|nham|thi hanh)\b", fold(following))
                    if title and (intro or len(following) > 200 or following.endswith(":")):
                        break
                    title.append(following)
                return " ".join(title)
        return ""

    @staticmethod
    def _issuer(header: ParsedHeader, intro: str, trailer: list[str], top: list[str]) -> str:
        # the issuing body's name in capitals above the number: "ỦY BAN NHÂN DÂN / TỈNH BẮC LÂM"
        capitals = []
        for line in top:
            text = line.strip()
            if not text:
                continue
            if not _is_upper_heading(text) or fold(text).startswith(
                ("cong hoa", "doc lap", "so:", "ke hoach", "quyet dinh", "bao cao")
            ):
                break
            capitals.append(text)
        if capitals:
            name = " ".join(capitals)
            match = re.match(r"(?i)ủy ban nhân dân\s+(tỉnh|thành phố)\s+(.+)", name)
            if match:
                return f"UBND {match.group(1).lower()} {match.group(2).title()}"
            return name[:1] + name[1:].lower()
        folded = fold(intro + " " + " ".join(trailer)) + " " + fold(header.number)
        province = PROVINCE_RE.search(header.title)
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
        for raw in lines[1:]:
            line = raw.strip()
            if not line:
                continue
            dash = DASH_RE.match(line)
            if dash:
                recipients.append(dash.group("text").rstrip(";.").strip())
                continue
            words = line.split()
            is_name = (
                2 <= len(words) <= 5
                and all(w[:1].isupper() and not w.isupper() for w in words)
                and not re.search(r"[\d_:.]", line)
            )
            if is_name:
                signer = line
        return recipients, signer

    # --- parts of the body ------------------------------------------------------------------

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
        if not task.lead or any(not p.resolved for p in task.lead):
            task.uncertain.append("lead")
        if any(not p.resolved and not is_vague(p) for p in task.coordinating):
            task.uncertain.append("coordinating")
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
        coord = COORD_RE.search(folded)
        if coord:
            task.coordinating = self._parties(inner[coord.start("coord") : coord.end("coord")])
        for piece in pieces[1:] if len(pieces) > 1 else []:
            timing = self._timing(
                re.sub(r"^\s*(thời gian|thời hạn|hoàn thành)\s*:?", "", piece, flags=re.I)
            )
            if timing.kind != "unspecified":
                task.timing = timing
                return True
        return False

    def _tasks(self, part: Node, ref: str) -> list[ParsedTask]:
        tasks: list[ParsedTask] = []
        section = part.text if part.kind == "roman" else ""
        for item in part.children:
            item_ref = f"{ref}.{item.mark}" if ref else item.mark
            letters = [c for c in item.children if c.kind in {"letter", "subnum"}]
            if letters:
                for letter in letters:
                    tasks.extend(
                        self._task_or_bullets(f"{item_ref}.{letter.mark}", item.text, letter)
                    )
            elif item.kind in {"num", "filler"}:
                tasks.extend(self._task_or_bullets(item_ref, section, item))
        if not part.children:
            tasks.extend(self._bullet_tasks(ref, section, part))
        return tasks

    def _bullet_tasks(self, ref: str, section: str, node: Node) -> list[ParsedTask]:
        """Bullets that each carry their own assignment become tasks of their own."""
        tasks = []
        bullets = [p for p in node.paras if p.kind in {"dash", "plus", "text"}]
        for index, para in enumerate(bullets, start=1):
            folded = fold_aligned(para.text)
            if INLINE_RE.search(folded) or LEAD_CLAUSE_RE.match(folded):
                task = self._read_task(
                    f"{ref}.{index}" if ref else str(index), section, para.text, [], "inline"
                )
                if not task.lead:
                    self._lead_clause(task, para.text)
                tasks.append(task)
        return tasks

    def _task_or_bullets(self, ref: str, section: str, node: Node) -> list[ParsedTask]:
        has_labels = any(
            _split_labels(_without_inline(p.text))[1] for p in node.paras if p.kind != "table"
        )
        if not has_labels:
            bullet_tasks = self._bullet_tasks(ref, section, node)
            if bullet_tasks:
                return bullet_tasks
        task = self._read_task(ref, section, node.text, node.paras, "labelled")
        if not task.lead and not has_labels:
            self._lead_clause(task, node.text)
        return [task]

    def _lead_clause(self, task: ParsedTask, text: str) -> None:
        folded = fold_aligned(text)
        match = LEAD_CLAUSE_RE.match(folded)
        if match:
            task.lead = self._parties(text[match.start("lead") : match.end("lead")])
            task.source = "inline"
            if "lead" in task.uncertain and task.lead and all(p.resolved for p in task.lead):
                task.uncertain.remove("lead")
        coord = COORD_RE.search(folded)
        if coord and not task.coordinating:
            task.coordinating = self._parties(text[coord.start("coord") : coord.end("coord")])

    def _duties(self, part: Node, ref: str) -> list[ParsedTask]:
        tasks: list[ParsedTask] = []
        for item in part.children:
            item_ref = f"{ref}.{item.mark}" if ref else item.mark
            heading, _, inline_body = item.text.partition(":")
            heading = re.sub(r"^(Đề nghị|Giao)\s+", "", heading.strip(), flags=re.I)
            owners = self._parties(heading)
            duties: list[tuple[str, list[str]]] = []
            if inline_body.strip():
                duties.append((inline_body.strip(), []))
            for para in item.paras:
                if para.kind == "dash" or not duties:
                    duties.append((para.text, []))
                else:
                    duties[-1][1].append(para.text)
            for child in item.children:
                duties.append((child.text, [p.text for p in child.paras]))
            single = len(duties) == 1
            for index, (text, more) in enumerate(duties, start=1):
                duty_ref = item_ref if single else f"{item_ref}.{index}"
                text, labelled = _split_labels(text)
                content = "\n".join([text, *more])
                task = ParsedTask(
                    ref=duty_ref, content=content, section=heading, source="duty_section"
                )
                folded = fold_aligned(text)
                own = LEAD_CLAUSE_RE.match(folded)
                if own and not fold(text).startswith(("chu tri", "cac co quan")):
                    task.lead = self._parties(text[own.start("lead") : own.end("lead")])
                elif not fold(text).startswith(("chu tri", "cac co quan")):
                    opening = self._parties(" ".join(text.split()[:12]))
                    if (
                        opening
                        and opening[0].resolved
                        and fold(text).startswith(fold(opening[0].words))
                    ):
                        task.lead = [opening[0]]
                if not task.lead:
                    task.lead = [Party(p.words, p.name, p.agency_id, p.group_code) for p in owners]
                coord = COORD_RE.search(folded)
                if coord:
                    task.coordinating = self._parties(
                        text[coord.start("coord") : coord.end("coord")]
                    )
                if "coordinating" in labelled:
                    task.coordinating = self._parties(labelled["coordinating"])
                if "timing" in labelled:
                    task.timing = self._timing(labelled["timing"])
                tasks.append(self._finish(task, timing_given="timing" in labelled))
        return tasks

    # --- tables -----------------------------------------------------------------------------

    COLUMN_KEYS = [
        ("ref", ("tt", "stt", "so tt")),
        ("content", ("noi dung", "nhiem vu", "cong viec", "ten nhiem vu")),
        ("lead", ("chu tri", "thuc hien", "don vi thuc hien")),
        ("coordinating", ("phoi hop",)),
        ("timing", ("thoi gian", "thoi han", "tien do")),
        ("output", ("san pham", "ket qua")),
    ]

    def _table_columns(self, row: list[str]) -> dict[str, int]:
        columns: dict[str, int] = {}
        for index, cell in enumerate(row):
            folded = fold(cell)
            for key, words in self.COLUMN_KEYS:
                if key in columns:
                    continue
                if (key == "ref" and folded.strip(" .") in words) or (
                    key != "ref" and any(w in folded for w in words)
                ):
                    columns[key] = index
                    break
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
        section_mark, section_title, counter = "", "", 0

        def cell(row: list[str], key: str) -> str:
            index = columns.get(key)
            return row[index].strip() if index is not None and index < len(row) else ""

        for row in rows[header_index + 1 :]:
            content = cell(row, "content")
            number = cell(row, "ref")
            others = [cell(row, k) for k in ("lead", "coordinating", "timing")]
            distinct = {c for c in row if c.strip()}
            if (not any(others) and content and _is_upper_heading(content)) or (
                len(distinct) == 1 and _is_upper_heading(next(iter(distinct)))
            ):
                section_title = content or next(iter(distinct))
                section_mark = number or section_mark
                counter = 0
                continue
            if not content:
                continue
            counter += 1
            mark = number.rstrip(".") or str(counter)
            task_ref = ".".join(p for p in (ref or "PL", section_mark, mark) if p)
            task = ParsedTask(
                ref=task_ref,
                content=content,
                section=section_title,
                lead=self._parties(cell(row, "lead")),
                coordinating=self._parties(cell(row, "coordinating")),
                output=cell(row, "output"),
                source="table",
            )
            timing_words = cell(row, "timing")
            if timing_words:
                task.timing = self._timing(timing_words)
            tasks.append(self._finish(task, timing_given=bool(timing_words)))
        return tasks
