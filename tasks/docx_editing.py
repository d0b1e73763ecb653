"""Replacing spans of a .docx's extracted text inside its runs, so formatting survives an edit.

Offsets are those of ``tasks.reading.read_document(path).text``: paragraphs and table rows joined by
newlines, cells by tabs. A span may cross runs (Word splits text into runs freely, e.g. at a spelling
mark): the replacement goes into the first run's text and the rest of the span is cut from the others.
"""

from __future__ import annotations

from bisect import bisect_right
from collections.abc import Iterator
from typing import Any

from docx.document import Document as DocxDocument
from docx.oxml.ns import qn
from docx.table import Table
from docx.text.paragraph import Paragraph

from models.errors import InvalidInput

Span = tuple[int, int, str]  # start, end, replacement
_TEXT_ATOMS = "w:br | w:cr | w:noBreakHyphen | w:ptab | w:t | w:tab"  # what python-docx reads as text


def paragraph_offsets(document: DocxDocument) -> list[tuple[int, Paragraph]]:
    """Each body and table-cell paragraph with the offset of its first character in the extracted text."""
    offsets, position = [], 0
    for item in document.iter_inner_content():
        if isinstance(item, Paragraph):
            offsets.append((position, item))
            position += len(item.text) + 1
        elif isinstance(item, Table):
            for row in item.rows:
                for column, cell in enumerate(row.cells):  # merged cells repeat, as in the extracted text
                    position += 1 if column else 0
                    for index, paragraph in enumerate(cell.paragraphs):
                        position += 1 if index else 0
                        offsets.append((position, paragraph))
                        position += len(paragraph.text)
                position += 1
    return offsets


def replace_spans(document: DocxDocument, spans: list[Span]) -> None:
    """Apply every span; a span must lie within one paragraph."""
    offsets = paragraph_offsets(document)
    starts = [start for start, _ in offsets]
    done: set[tuple[int, int, int]] = set()
    for start, end, replacement in sorted(spans, reverse=True):  # right to left keeps earlier offsets valid
        base, paragraph = offsets[bisect_right(starts, start) - 1]
        local = (start - base, end - base)
        if local[1] > len(paragraph.text):
            raise InvalidInput(
                f"a passage to replace (characters {start}–{end}) crosses a paragraph boundary"
            )
        key = (id(paragraph._p), *local)
        if key not in done:  # a merged cell appears once per grid column it spans
            done.add(key)
            _replace_in_paragraph(paragraph, *local, replacement)


def _replace_in_paragraph(paragraph: Paragraph, start: int, end: int, replacement: str) -> None:
    pending = replacement
    for atom, atom_start, atom_end in list(_atoms(paragraph)):
        if atom_end <= start or atom_start >= end:
            continue
        cut_from, cut_to = max(start, atom_start) - atom_start, min(end, atom_end) - atom_start
        if atom.tag == qn("w:t"):
            atom.text = (atom.text or "")[:cut_from] + pending + (atom.text or "")[cut_to:]
            atom.set(qn("xml:space"), "preserve")
            pending = ""
        else:  # a tab or break inside the span goes with it
            atom.getparent().remove(atom)
    if pending:
        raise InvalidInput("a passage to replace contains no text run to hold its replacement")


def _atoms(paragraph: Paragraph) -> Iterator[tuple[Any, int, int]]:
    """Every text-bearing element of the paragraph's runs (hyperlinks included) with its span."""
    position = 0
    for run in paragraph._p.xpath("./w:r | ./w:hyperlink/w:r"):
        for atom in run.xpath(_TEXT_ATOMS):
            length = len(str(atom))
            yield atom, position, position + length
            position += length
