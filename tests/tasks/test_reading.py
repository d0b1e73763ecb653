"""Reading .docx, .txt and .md inputs, and refusing bad files with a clear message."""

from __future__ import annotations

import docx
import pytest

from models.errors import DocumentUnreadable
from tasks.reading import read_document
from tests.conftest import SAMPLES


def test_read_document_docx_keeps_paragraphs_and_tables_in_order(tmp_path):
    document = docx.Document()
    document.add_paragraph("第一段")
    table = document.add_table(rows=1, cols=2)
    table.cell(0, 0).text, table.cell(0, 1).text = "联系人", "张三"
    document.add_paragraph("最后一段")
    path = tmp_path / "policy.docx"
    document.save(str(path))
    extracted = read_document(path)
    assert extracted.text == "第一段\n联系人\t张三\n最后一段"
    assert extracted.format == "docx"


@pytest.mark.parametrize(
    ("encoding", "expected"), [("utf-8", "utf-8"), ("utf-8-sig", "utf-8"), ("gb18030", "gb18030")]
)
def test_read_document_detects_the_text_encoding(tmp_path, encoding, expected):
    path = tmp_path / "policy.txt"
    path.write_bytes("关于印发政务公开工作要点的通知\r\n第二行".encode(encoding))
    extracted = read_document(path)
    assert extracted.text == "关于印发政务公开工作要点的通知\n第二行"
    assert extracted.encoding == expected


def test_read_document_reads_every_shared_sample():
    assert len(SAMPLES) == 3
    for path in SAMPLES:
        assert "政务公开" in read_document(path).text


@pytest.mark.parametrize(
    ("name", "content", "message"),
    [
        ("empty.txt", b"", "is empty"),
        ("blank.md", b"  \n\n", "contains no text"),
        ("binary.txt", b"\x00\x01\x02abc", "binary file"),
        ("latin.txt", bytes([0x81, 0x20, 0xFE, 0xFF, 0x81]), "neither UTF-8 nor GB18030"),
        ("locked.docx", b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 100, "password-protected"),
        ("broken.docx", b"PK\x03\x04 not really a zip", "not a valid .docx"),
        ("old.doc", b"\xd0\xcf\x11\xe0", "legacy Word .doc"),
        ("scan.pdf", b"%PDF-1.7", "unsupported file type .pdf"),
    ],
)
def test_read_document_refuses_bad_files_with_a_reason(tmp_path, name, content, message):
    path = tmp_path / name
    path.write_bytes(content)
    with pytest.raises(DocumentUnreadable, match=message):
        read_document(path)


def test_read_document_refuses_oversized_files(tmp_path):
    path = tmp_path / "big.txt"
    path.write_text("字" * 2000, encoding="utf-8")
    with pytest.raises(DocumentUnreadable, match="the limit is") as caught:
        read_document(path, max_bytes=1024)
    assert "POLICYFLOW_MAX_DOCUMENT_BYTES" in caught.value.hint


def test_read_document_missing_file(tmp_path):
    with pytest.raises(DocumentUnreadable, match="file not found"):
        read_document(tmp_path / "nope.docx")
