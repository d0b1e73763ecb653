"""去标识化: the public version of texts and files, as a reader of a 删减后公开 version sees it."""

from __future__ import annotations

import docx
import pytest

from models.enums import FindingCategory
from models.settings import get_settings
from tasks.reading import read_document
from tasks.redaction import is_named_party_document, redact_file, redact_text
from tasks.scanning import ScanFinding

PERSONAL = (
    "联系人：张伟，手机13812345678，电话0531-86123456，身份证号11010519491231002X，"
    "银行卡6222021234567890128，住址：青禾县城关镇幸福路12号，邮箱zhangwei@example.com，车牌鲁A12345。"
)
PUBLIC = (
    "联系人：张某，手机138****5678，电话0531-86****56，身份证号［已删除：身份证号］，"
    "银行卡［已删除：银行账号］，住址：［已删除：详细地址］，邮箱z***@example.com，车牌鲁A****5。"
)


def test_redact_text_removes_or_masks_every_kind_of_personal_data():
    assert redact_text(PERSONAL, id_mode="remove").text == PUBLIC


def test_redact_text_lists_each_change_with_its_original_span():
    result = redact_text("手机13812345678。", id_mode="remove")
    ((kind, start, end, original, replacement),) = [
        (c.kind, c.start, c.end, c.original, c.replacement) for c in result.changes
    ]
    assert (kind, start, end, original, replacement) == ("mobile", 2, 13, "13812345678", "138****5678")


def test_redact_text_masks_birth_date_digits_of_an_id_number_when_asked():
    assert redact_text("身份证号11010519491231002X", id_mode="mask").text == "身份证号110105********002X"


def test_redact_text_follows_the_id_number_setting(data_dir, monkeypatch):
    monkeypatch.setenv("POLICYFLOW_ID_NUMBER_REDACTION", "mask")
    get_settings.cache_clear()
    assert redact_text("身份证号370124900307123").text == "身份证号370124******123"


def test_redact_text_keeps_a_compound_surname():
    assert redact_text("经办人：欧阳娜娜").text == "经办人：欧阳某"


def test_redact_text_keeps_the_named_party_of_a_penalty_decision():
    text = "当事人：王小明，身份证号11010519491231002X，电话13812345678。经办人：李娜。"
    result = redact_text(text, named_party_category=True, id_mode="remove")
    assert result.text == "当事人：王小明，身份证号［已删除：身份证号］，电话138****5678。经办人：李某。"


def test_redact_text_anonymises_the_party_outside_penalty_decisions():
    assert redact_text("当事人：王小明。").text == "当事人：王某。"


def test_redact_text_applies_only_the_findings_given():
    text = "电话0531-86123456，手机13812345678"
    start = text.index("138")
    chosen = [ScanFinding("mobile", FindingCategory.PRIVACY, start, start + 11, "13812345678", "")]
    assert redact_text(text, findings=chosen).text == "电话0531-86123456，手机138****5678"


def test_redact_text_marks_a_removed_secret_passage():
    text = "研究兵力部署方案"
    chosen = [ScanFinding("secret_keyword", FindingCategory.SECRECY, 2, 6, "兵力部署", "")]
    assert redact_text(text, findings=chosen).text == "研究［已删除：涉密内容］方案"


def test_redact_text_applies_the_wider_of_overlapping_findings_given():
    text = "联系人王小明负责"
    chosen = [
        ScanFinding("person_name", FindingCategory.PRIVACY, 3, 6, "王小明", ""),
        ScanFinding("secret_keyword", FindingCategory.SECRECY, 0, 6, "联系人王小明", ""),
    ]
    result = redact_text(text, findings=chosen)
    assert (result.text, [c.kind for c in result.changes]) == ("［已删除：涉密内容］负责", ["secret_keyword"])


def test_redact_text_leaves_text_without_personal_data_unchanged():
    text = "拨打12345市民服务热线，梳理政务服务事项5580项。"
    result = redact_text(text)
    assert (result.text, result.changes) == (text, [])


@pytest.mark.parametrize(
    ("title", "named"),
    [
        ("青禾县市场监督管理局行政处罚决定书", True),
        ("关于失信被执行人名单的惩戒公示", True),
        ("政务公开工作要点", False),
    ],
)
def test_is_named_party_document_recognises_penalty_and_discipline_titles(title, named):
    assert is_named_party_document(title) is named


@pytest.mark.parametrize("encoding", ["utf-8", "gb18030"])
def test_redact_file_writes_text_in_the_input_encoding(tmp_path, encoding):
    source, destination = tmp_path / "policy.txt", tmp_path / "public.txt"
    source.write_bytes(PERSONAL.encode(encoding))
    redact_file(source, destination, id_mode="remove")
    assert destination.read_bytes().decode(encoding) == PUBLIC


def test_redact_file_keeps_windows_line_ends(tmp_path):
    source, destination = tmp_path / "policy.md", tmp_path / "public.md"
    source.write_bytes("标题\r\n联系人：张伟\r\n".encode())
    redact_file(source, destination)
    assert destination.read_bytes() == "标题\r\n联系人：张某\r\n".encode()


def _docx_with_split_phone(path):
    document = docx.Document()
    document.add_paragraph("关于印发工作要点的通知")
    paragraph = document.add_paragraph()
    paragraph.add_run("联系电话：138").bold = True
    paragraph.add_run("1234")
    paragraph.add_run("5678，").italic = True
    paragraph.add_run("请按时报送。")
    table = document.add_table(rows=2, cols=3)
    table.cell(0, 0).merge(table.cell(0, 1)).text = "经办人"
    table.cell(0, 2).text = "王小明"
    table.cell(1, 0).text = "联系人"
    table.cell(1, 1).text = "李娜"
    table.cell(1, 2).add_paragraph("住址：幸福路12号")
    document.save(str(path))


def test_redact_file_docx_matches_the_redacted_text(tmp_path):
    source, destination = tmp_path / "policy.docx", tmp_path / "public.docx"
    _docx_with_split_phone(source)
    result = redact_file(source, destination)
    assert read_document(destination).text == result.text
    assert "联系电话：138****5678，请按时报送。" in result.text
    assert "经办人\t经办人\t王某\n联系人\t李某\t\n住址：［已删除：详细地址］" in result.text


def test_redact_file_docx_puts_a_replacement_in_the_first_run_and_keeps_formatting(tmp_path):
    source, destination = tmp_path / "policy.docx", tmp_path / "public.docx"
    _docx_with_split_phone(source)
    redact_file(source, destination)
    runs = docx.Document(str(destination)).paragraphs[1].runs
    assert [(run.text, run.bold, run.italic) for run in runs] == [
        ("联系电话：138****5678", True, None),
        ("", None, None),
        ("，", None, True),
        ("请按时报送。", None, None),
    ]
