"""Builds DOCX and PDF plan files for the importer tests (in memory, no fixtures on disk)."""

from __future__ import annotations

import io
import re
from datetime import date
from pathlib import Path
from typing import Any

from bmnn.org.demo import GROUPS, PROVINCE, all_agencies
from bmnn.plans.importer import AgencyEntry, GroupEntry, Resolver
from bmnn.plans.importer.model import ParsedPlan
from bmnn.plans.services import PartyDraft, TaskDraft

FONT = Path(__file__).resolve().parents[2] / "core" / "fonts" / "DejaVuSans.ttf"


def docx_bytes(paragraphs: list[tuple[str, str]], table: list[list[str]] | None = None) -> bytes:
    """paragraphs: (style, text); style '' for Normal, or 'List Number' etc."""
    import docx

    document = docx.Document()
    for style, text in paragraphs:
        document.add_paragraph(text, style=style or None)
    if table:
        grid = document.add_table(rows=len(table), cols=len(table[0]))
        for r, row in enumerate(table):
            for c, value in enumerate(row):
                grid.cell(r, c).text = value
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


def pdf_bytes(text: str, width: int = 95) -> bytes:
    """A PDF whose text layer wraps lines like a typeset plan does."""
    from fpdf import FPDF

    pdf = FPDF()
    pdf.add_page()
    pdf.add_font("DejaVu", "", str(FONT))
    pdf.set_font("DejaVu", size=10)
    for paragraph in text.split("\n"):
        pdf.multi_cell(w=0, h=5, text=paragraph or " ", new_x="LMARGIN", new_y="NEXT")
    return bytes(pdf.output())


# --- plans written as text with pipe tables, rendered as a typeset document ------------------
#
# A layout sample is a plan as text. Lines `| a | b |` are table rows (a `|---|` rule is
# ignored); a table before any other line is the document header (issuer | motto; number |
# place and date), drawn without borders; every other table is drawn with borders, its first row
# as headings. Inside a cell `<br>` breaks the line, `^` merges the cell with the one above and
# `<` with the one to its left. `layout_text` gives the text form as the PDF and DOCX readers
# give merged cells (merged down: the text repeated in each row; merged across: the text in the
# first column, the others empty); `layout_docx` and `layout_pdf` typeset it.

MERGE_UP, MERGE_LEFT, BREAK = "^", "<", "<br>"
BOLD_FONT = FONT.with_name("DejaVuSans-Bold.ttf")


class LayoutTable:
    def __init__(self, cells: list[list[str]], header: bool) -> None:
        width = max(len(row) for row in cells)
        self.cells = [row + [""] * (width - len(row)) for row in cells]
        self.header = header

    def resolved(self) -> list[list[str]]:
        """Cell texts, line breaks as spaces: a cell merged down repeated in each row, the
        columns a cell merged across covers left empty."""
        out: list[list[str]] = []
        for r, row in enumerate(self.cells):
            out.append([])
            for c, cell in enumerate(row):
                if cell == MERGE_UP:
                    out[r].append(out[r - 1][c])
                elif cell == MERGE_LEFT:
                    out[r].append("")
                else:
                    out[r].append(" ".join(cell.replace(BREAK, " ").split()))
        return out

    def spans(self) -> dict[tuple[int, int], tuple[int, int]]:
        """(row, column) of each cell that starts a merge -> (rows, columns) it covers."""
        found: dict[tuple[int, int], tuple[int, int]] = {}
        for r, row in enumerate(self.cells):
            for c, cell in enumerate(row):
                if cell in (MERGE_UP, MERGE_LEFT):
                    continue
                across = 1
                while c + across < len(row) and row[c + across] == MERGE_LEFT:
                    across += 1
                down = 1
                while r + down < len(self.cells) and self.cells[r + down][c] == MERGE_UP:
                    down += 1
                found[(r, c)] = (down, across)
        return found


def layout_blocks(text: str) -> list[str | LayoutTable]:
    blocks: list[str | LayoutTable] = []
    rows: list[list[str]] = []
    seen_prose = False
    for line in [*text.splitlines(), ""]:
        stripped = line.strip()
        if stripped.startswith("|") and stripped.endswith("|"):
            cells = [c.strip() for c in stripped.strip("|").split("|")]
            if not all(set(c) <= set("-: ") for c in cells):
                rows.append(cells)
            continue
        if rows:
            blocks.append(LayoutTable(rows, header=not seen_prose))
            rows = []
        if stripped:
            seen_prose = True
        blocks.append(line)
    return blocks[:-1]


def layout_text(text: str) -> str:
    """The text form of a layout sample: pipe tables with merged cells repeated."""
    lines: list[str] = []
    for block in layout_blocks(text):
        if isinstance(block, LayoutTable):
            lines.extend("| " + " | ".join(row) + " |" for row in block.resolved())
        else:
            lines.append(block)
    return "\n".join(lines) + "\n"


def layout_docx(text: str) -> bytes:
    """A DOCX with real Word tables: the header as a borderless two-column table, the others
    in the 'Table Grid' style with merged cells."""
    import docx

    document = docx.Document()
    for block in layout_blocks(text):
        if isinstance(block, str):
            document.add_paragraph(block)
            continue
        grid = document.add_table(rows=len(block.cells), cols=len(block.cells[0]))
        if not block.header:
            grid.style = document.styles["Table Grid"]
        for (r, c), (down, across) in block.spans().items():
            cell = grid.cell(r, c)
            if down > 1 or across > 1:
                cell = cell.merge(grid.cell(r + down - 1, c + across - 1))
            first, *more = block.cells[r][c].split(BREAK)
            cell.paragraphs[0].text = first.strip()
            for line in more:
                cell.add_paragraph(line.strip())
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


def layout_pdf(
    text: str, *, repeat_headings: bool = True, page_number: str = "top", fit_lines: bool = False
) -> bytes:
    """A typeset PDF: A4 with the administrative margins, the header as two centred blocks with
    a short rule under the first row, tables drawn with fpdf2's table API (borders, merged
    cells, wrapped text, heading rows repeated on a new page or not), a page number at the top
    of every page after the first (or 'Trang n/N' at the bottom).

    `fit_lines`: the prose is a text layer already broken into printed lines (a PDF's text as
    pdftotext gives it); the prose font is made small enough that no line is broken again."""
    from fpdf import FPDF
    from fpdf.enums import TableHeadingsDisplay, TableSpan

    class Document(FPDF):
        def header(self) -> None:
            if page_number == "top" and self.page_no() > 1:
                self.set_font("DejaVu", size=10)
                self.set_y(8)
                self.cell(w=0, h=5, text=str(self.page_no()), align="C")
                self.set_y(self.t_margin)

        def footer(self) -> None:
            if page_number == "bottom":
                self.set_font("DejaVu", size=9)
                self.set_y(-12)
                self.cell(w=0, h=5, text=f"Trang {self.page_no()}/{{nb}}", align="R")

    pdf = Document(format="A4")
    pdf.set_margins(left=30, top=20, right=15)
    pdf.set_auto_page_break(True, margin=20)
    pdf.add_font("DejaVu", "", str(FONT))
    pdf.add_font("DejaVu", "B", str(BOLD_FONT))
    pdf.add_page()
    blocks = layout_blocks(text)
    prose_size = 11.0
    if fit_lines:
        pdf.set_font("DejaVu", size=prose_size)
        widest = max(
            (pdf.get_string_width(b.expandtabs(4)) for b in blocks if isinstance(b, str)),
            default=0.0,
        )
        # multi_cell keeps a small margin inside the cell: leave room for it
        if widest > pdf.epw - 2 * pdf.c_margin:
            prose_size *= (pdf.epw - 2 * pdf.c_margin - 0.5) / widest
    for block in blocks:
        pdf.set_font("DejaVu", size=prose_size)
        if isinstance(block, str):
            text = block.expandtabs(4) or " "  # a tab is white space, as a word processor shows it
            pdf.multi_cell(w=0, h=5.5, text=text, new_x="LMARGIN", new_y="NEXT")
        elif block.header:
            _pdf_header(pdf, block)
        else:
            pdf.set_font("DejaVu", size=9.5)
            pdf.ln(2)
            with pdf.table(
                col_widths=_column_widths(pdf, block, padding=1.2),
                text_align="LEFT",
                line_height=4.6,
                padding=1.2,
                repeat_headings=TableHeadingsDisplay(int(repeat_headings)),
            ) as table:
                for cells in block.cells:
                    row = table.row()
                    for cell in cells:
                        if cell == MERGE_UP:
                            row.cell(TableSpan.ROW)
                        elif cell == MERGE_LEFT:
                            row.cell(TableSpan.COL)
                        else:
                            row.cell(cell.replace(BREAK, "\n"))
            pdf.ln(2)
    return bytes(pdf.output())


def _column_widths(pdf: Any, table: LayoutTable, padding: float) -> tuple[float, ...]:
    """Column widths (mm) in proportion to the text, none narrower than its longest word: a
    word is never broken inside a cell, as a word processor would not break it."""
    least = [0.0] * len(table.cells[0])
    wants = [6.0] * len(table.cells[0])
    for r, row in enumerate(table.cells):
        for c, cell in enumerate(row):
            if cell in (MERGE_UP, MERGE_LEFT):
                continue
            words = cell.replace(BREAK, " ").split() or [""]
            widest = max(pdf.get_string_width(word) for word in words)
            widest *= 1.1 if r == 0 else 1.0  # the heading row is set in bold
            least[c] = max(least[c], widest + 2 * padding + 1.0)
            wants[c] = max(wants[c], min(len(cell), 60) if r else 0)
    spare = max(pdf.epw - sum(least), 0.0)
    return tuple(w + spare * want / sum(wants) for w, want in zip(least, wants, strict=True))


def _pdf_header(pdf: object, table: LayoutTable) -> None:
    """Issuer and number on the left, motto and place-date on the right, each centred."""
    from fpdf import FPDF

    assert isinstance(pdf, FPDF)
    widths = (pdf.epw * 0.4, pdf.epw * 0.6)
    # a column left empty in every row (a spacer between the two blocks) is not drawn
    filled = [
        c
        for c in range(len(table.cells[0]))
        if any(row[c] not in ("", MERGE_UP, MERGE_LEFT) for row in table.cells)
    ]
    sides = (filled[0], filled[-1]) if len(filled) > 1 else (0, 1)
    for r, full_row in enumerate(table.cells):
        row = [full_row[c] for c in sides]
        top, bottom = pdf.y, pdf.y
        for c, cell in enumerate(row):
            pdf.set_font("DejaVu", "B" if r == 0 else "", size=11 if c == 0 or r else 10.5)
            pdf.set_xy(pdf.l_margin + sum(widths[:c]), top)
            text = cell.replace(BREAK, "\n") if cell not in (MERGE_UP, MERGE_LEFT) else ""
            pdf.multi_cell(w=widths[c], h=5.5, text=text, align="C")
            bottom = max(bottom, pdf.y)
        if r == 0:  # the short rules under the issuer and under the motto
            for c in (0, 1):
                middle = pdf.l_margin + sum(widths[:c]) + widths[c] / 2
                pdf.line(middle - widths[c] / 6, bottom + 1, middle + widths[c] / 6, bottom + 1)
        pdf.set_xy(pdf.l_margin, bottom + 4)
    pdf.ln(3)


# --- what must not depend on the form of the file ----------------------------------------------


def _words(text: str) -> str:
    """White space collapsed. A hyphen at the end of a PDF line takes the space after it away
    (pdfium joins the two halves of "các-" / "bon"), so "các- bon" reads as "các-bon"."""
    return re.sub(r"(?<=\w)-\s+(?=\w)", "-", " ".join(text.split()))


def extraction(parsed: ParsedPlan) -> tuple[dict[str, Any], list[tuple[Any, ...]]]:
    """The header fields and, per task, its reference, how it was written (table row, inline,
    duty section…), its content, its leads and coordinators, its timing kind and due date and
    its flags: what `bmnn plan import --format json` prints, less the wrapping of the text."""
    result = parsed.as_json()
    header = {
        key: [_words(v) for v in value]
        if isinstance(value, list)
        else _words(value)
        if isinstance(value, str)
        else value
        for key, value in result["plan"].items()
    }
    tasks = [
        (
            task["ref"],
            task["source"],
            _words(task["content"]),
            task["lead"],
            task["coordinating"],
            task["timing"]["kind"],
            task["timing"]["due"],
            [(flag["code"], flag["field"], flag["words"]) for flag in task["flags"]],
        )
        for task in result["tasks"]
    ]
    return header, tasks


def demo_resolver() -> Resolver:
    """The importer's resolver over the demo province's directory, without a database."""
    agencies = [
        AgencyEntry(i, name, kind)
        for i, (_code, kind, name, _short) in enumerate(all_agencies(), 1)
    ]
    groups = [GroupEntry(code, name, tuple(aliases)) for code, name, _types, aliases in GROUPS]
    return Resolver(agencies, groups, [PROVINCE])


def task(
    ref: str, content: str, lead: tuple[str, int], due: date | None = None, **more: Any
) -> TaskDraft:
    """A task led by one agency, given as (the words the plan names it by, its id): due on
    `due`, or continuous without one."""
    words, agency_id = lead
    timing = {"timing_kind": "date", "due_date": due} if due else {"timing_kind": "continuous"}
    leads = [PartyDraft(words, agency_id=agency_id)]
    return TaskDraft(ref=ref, content=content, leads=leads, **(timing | more))
