"""scan_text over whole documents: order, overlaps, offsets, and the real samples."""

from __future__ import annotations

import docx
import pytest

from models.enums import FindingCategory
from tasks.scanning import ScanFinding, scan_document, scan_text
from tasks.scanning.findings import resolve_overlaps
from tests.conftest import SAMPLES


@pytest.mark.parametrize("sample", SAMPLES, ids=lambda p: p.name)
def test_scan_finds_no_personal_data_in_the_published_samples(sample):
    _, findings = scan_document(sample)
    assert [f for f in findings if f.category == FindingCategory.PRIVACY] == []


@pytest.mark.parametrize("sample", SAMPLES, ids=lambda p: p.name)
def test_scan_accepts_the_samples_doc_numbers_and_dates(sample):
    _, findings = scan_document(sample)
    assert [f for f in findings if f.category == FindingCategory.FORMAT] == []


def test_scan_text_returns_findings_sorted_with_offsets_into_the_text():
    text = "经国家工商行政管理总局批准。联系人：张伟，手机13812345678。"
    findings = scan_text(text)
    assert [f.kind for f in findings] == ["wrong_word", "person_name", "mobile"]
    assert all(text[f.start : f.end] == f.text for f in findings)


@pytest.mark.parametrize("prefix", ["𝒳😀", "\ud800", "abc"], ids=["astral", "lone surrogate", "ascii"])
def test_scan_text_offsets_are_characters_whatever_precedes(prefix):
    text = f"{prefix}联系人：张伟，鲁A12345"
    assert [(f.kind, text[f.start : f.end]) for f in scan_text(text)] == [
        ("person_name", "张伟"),
        ("plate", "鲁A12345"),
    ]


def test_scan_finding_to_json_has_exactly_the_documented_keys():
    (finding,) = scan_text("手机13812345678")
    assert finding.to_json() == {
        "kind": "mobile",
        "category": "privacy",
        "start": 2,
        "end": 13,
        "text": "13812345678",
        "suggestion": finding.suggestion,
    }


def test_resolve_overlaps_keeps_the_id_number_over_a_bank_card():
    card = ScanFinding("bank_card", FindingCategory.PRIVACY, 0, 18, "x" * 18, "")
    id_number = ScanFinding("id_number", FindingCategory.PRIVACY, 0, 18, "x" * 18, "")
    assert resolve_overlaps([card, id_number]) == [id_number]


def test_resolve_overlaps_keeps_overlapping_findings_of_different_reviews():
    name = ScanFinding("person_name", FindingCategory.PRIVACY, 3, 5, "张伟", "")
    keyword = ScanFinding("secret_keyword", FindingCategory.SECRECY, 0, 5, "联系人张伟", "")
    assert resolve_overlaps([name, keyword]) == [keyword, name]


def test_scan_document_offsets_index_the_extracted_docx_text(tmp_path):
    document = docx.Document()
    document.add_paragraph("关于印发工作要点的通知")
    table = document.add_table(rows=1, cols=2)
    table.cell(0, 0).text, table.cell(0, 1).text = "联系人", "张伟"
    paragraph = document.add_paragraph("电话：138")
    paragraph.add_run("12345678").bold = True
    path = tmp_path / "policy.docx"
    document.save(str(path))
    extracted, findings = scan_document(path)
    assert [(f.kind, extracted.text[f.start : f.end]) for f in findings] == [
        ("person_name", "张伟"),
        ("mobile", "13812345678"),
    ]
