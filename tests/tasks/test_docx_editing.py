"""Editing a .docx by offsets into its extracted text."""

from __future__ import annotations

import docx
import pytest

from models.errors import InvalidInput
from tasks.docx_editing import paragraph_offsets, replace_spans
from tasks.reading import read_document


@pytest.fixture
def word_file(tmp_path):
    document = docx.Document()
    document.add_paragraph("第一段")
    table = document.add_table(rows=2, cols=3)
    table.cell(0, 0).merge(table.cell(0, 1)).text = "合并"
    table.cell(0, 2).add_paragraph("第二行")
    table.cell(1, 1).text = "中间"
    document.add_paragraph("末段")
    path = tmp_path / "policy.docx"
    document.save(str(path))
    return path


def test_paragraph_offsets_index_the_extracted_text(word_file):
    text = read_document(word_file).text
    offsets = paragraph_offsets(docx.Document(str(word_file)))
    assert all(text[start : start + len(p.text)] == p.text for start, p in offsets)
    assert [p.text for _, p in offsets if p.text] == ["第一段", "合并", "合并", "第二行", "中间", "末段"]


def test_replace_spans_edits_a_merged_cell_once(word_file):
    text = read_document(word_file).text
    document = docx.Document(str(word_file))
    start = text.index("合并")
    replace_spans(document, [(start, start + 2, "已改")])
    document.save(str(word_file))
    assert read_document(word_file).text == text.replace("合并", "已改")


def test_replace_spans_refuses_a_span_across_paragraphs(word_file):
    document = docx.Document(str(word_file))
    with pytest.raises(InvalidInput, match="crosses a paragraph boundary"):
        replace_spans(document, [(1, 5, "x")])
