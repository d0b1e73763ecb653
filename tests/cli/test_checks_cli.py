"""``policyflow scan``, ``redact`` and ``check``: exit codes and what a user reads."""

from __future__ import annotations

import json
import shutil
import subprocess
from pathlib import Path

import docx
import pytest
import yaml

from models.settings import get_settings
from policyflow.cli import main
from tasks.reading import read_document
from tests.factories import DEMO_PACKAGE
from tests.terminal import POLICYFLOW

PERSONAL = "联系人：张伟，手机13812345678。\n"


@pytest.fixture
def personal_txt(tmp_path):
    path = tmp_path / "policy.txt"
    path.write_text(PERSONAL, encoding="utf-8")
    return path


@pytest.fixture
def package_dir(tmp_path):
    """A copy of the demo package that a test may edit."""
    return Path(shutil.copytree(DEMO_PACKAGE.parent, tmp_path / "package"))


def edit_manifest(package_dir: Path, **changes) -> Path:
    manifest = package_dir / "package.yaml"
    data = yaml.safe_load(manifest.read_text(encoding="utf-8")) | changes
    manifest.write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
    return manifest


def test_scan_a_clean_file_exits_0(tmp_path, capsys):
    path = tmp_path / "clean.md"
    path.write_text("拨打12345市民服务热线。\n", encoding="utf-8")
    assert main(["scan", str(path)]) == 0
    assert "clean.md: 未发现问题" in capsys.readouterr().out


def test_scan_lists_findings_by_line_and_exits_1(personal_txt, capsys):
    assert main(["scan", str(personal_txt)]) == 1
    out = capsys.readouterr().out
    assert "policy.txt: 2 处发现" in out
    assert "第1行 [个人信息/mobile] “13812345678” — 手机号码属于个人信息" in out


def test_scan_json_lists_findings_with_character_offsets(personal_txt, capsys):
    assert main(["scan", str(personal_txt), "--json"]) == 1
    data = json.loads(capsys.readouterr().out)
    assert [(f["kind"], f["category"], f["start"], f["end"], f["text"]) for f in data] == [
        ("person_name", "privacy", 4, 6, "张伟"),
        ("mobile", "privacy", 9, 20, "13812345678"),
    ]
    assert set(data[0]) == {"kind", "category", "start", "end", "text", "suggestion"}


def test_scan_json_of_a_clean_file_is_an_empty_list(tmp_path, capsys):
    path = tmp_path / "clean.txt"
    path.write_text("政务公开工作要点", encoding="utf-8")
    assert main(["scan", str(path), "--json"]) == 0
    assert json.loads(capsys.readouterr().out) == []


def test_scan_docx_offsets_index_the_extracted_text(tmp_path, capsys):
    document = docx.Document()
    document.add_paragraph("关于印发工作要点的通知")
    document.add_paragraph("经国家工商行政管理总局批准")
    path = tmp_path / "policy.docx"
    document.save(str(path))
    assert main(["scan", str(path), "--json"]) == 1
    (finding,) = json.loads(capsys.readouterr().out)
    assert read_document(path).text[finding["start"] : finding["end"]] == "国家工商行政管理总局"


@pytest.mark.parametrize(
    ("name", "content", "message"),
    [
        ("empty.txt", b"", "is empty"),
        ("broken.docx", b"PK\x03\x04 not a zip", "not a valid .docx"),
        ("locked.docx", b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 64, "password-protected"),
        ("scan.pdf", b"%PDF-1.7", "unsupported file type .pdf"),
        ("big.txt", "字".encode() * 2000, "the limit is"),
    ],
)
def test_scan_bad_input_exits_2_with_a_message(
    data_dir, tmp_path, capsys, monkeypatch, name, content, message
):
    monkeypatch.setenv("POLICYFLOW_MAX_DOCUMENT_BYTES", "4096")
    get_settings.cache_clear()
    path = tmp_path / name
    path.write_bytes(content)
    assert main(["scan", str(path)]) == 2
    captured = capsys.readouterr()
    assert message in captured.err
    assert captured.out == ""


def test_redact_writes_the_public_version_and_lists_the_changes(personal_txt, tmp_path, capsys):
    public = tmp_path / "public.txt"
    assert main(["redact", str(personal_txt), "--out", str(public)]) == 0
    assert public.read_text(encoding="utf-8") == "联系人：张某，手机138****5678。\n"
    out = capsys.readouterr().out
    assert f"wrote {public} (2 处去标识化 / changes)" in out
    assert "mobile: “13812345678” → “138****5678”" in out


def test_redact_masks_id_numbers_when_asked(tmp_path):
    source, public = tmp_path / "notice.md", tmp_path / "public.md"
    source.write_text("身份证号11010519491231002X", encoding="utf-8")
    assert main(["redact", str(source), "--out", str(public), "--id-mode", "mask"]) == 0
    assert public.read_text(encoding="utf-8") == "身份证号110105********002X"


def test_redact_named_party_keeps_the_party_name(tmp_path):
    source, public = tmp_path / "decision.txt", tmp_path / "public.txt"
    source.write_text("当事人：王小明，电话13812345678。", encoding="utf-8")
    assert main(["redact", str(source), "--out", str(public), "--named-party"]) == 0
    assert public.read_text(encoding="utf-8") == "当事人：王小明，电话138****5678。"


def test_redact_docx_writes_a_docx(tmp_path):
    document = docx.Document()
    document.add_paragraph(PERSONAL.strip())
    source, public = tmp_path / "policy.docx", tmp_path / "public.docx"
    document.save(str(source))
    assert main(["redact", str(source), "--out", str(public)]) == 0
    assert read_document(public).text == "联系人：张某，手机138****5678。"


@pytest.mark.parametrize(
    ("out_name", "message"),
    [
        ("public.docx", "--out must have the same format"),
        ("policy.txt", "the input file itself"),
        ("missing/public.txt", "cannot write"),
    ],
)
def test_redact_refuses_a_bad_output_path(personal_txt, capsys, out_name, message):
    assert main(["redact", str(personal_txt), "--out", str(personal_txt.parent / out_name)]) == 2
    assert message in capsys.readouterr().err


def test_check_the_demo_package_passes(capsys):
    assert main(["check", str(DEMO_PACKAGE)]) == 0
    out = capsys.readouterr().out
    assert "青禾县人民政府办公室关于印发青禾县2026年政务公开工作要点的通知" in out
    assert "结果：通过" in out


def test_check_a_package_without_interpretation_is_returned(package_dir, capsys):
    manifest = edit_manifest(package_dir, interpretation_file=None)
    assert main(["check", str(manifest)]) == 1
    out = capsys.readouterr().out
    assert "结果：退文，共1条理由" in out
    assert "1. 未随文报送政策解读材料" in out


def test_check_json_lists_reasons_and_findings(package_dir, capsys):
    (package_dir / "policy.txt").write_text(
        "联系人：张伟\n" + (package_dir / "policy.txt").read_text(encoding="utf-8"), encoding="utf-8"
    )
    manifest = edit_manifest(package_dir, disclosure="不予公开", publication_scope=None)
    assert main(["check", str(manifest), "--json"]) == 1
    data = json.loads(capsys.readouterr().out)
    assert data["passed"] is False
    assert [r["code"] for r in data["reasons"]] == ["disclosure_basis_missing", "disclosure_reason_missing"]
    assert data["findings"] == [
        {
            "target": "policy",
            "kind": "person_name",
            "category": "privacy",
            "start": 4,
            "end": 6,
            "text": "张伟",
            "suggestion": data["findings"][0]["suggestion"],
        }
    ]


def test_check_prints_findings_for_the_reviewers(package_dir, capsys):
    (package_dir / "interpretation.md").write_text(
        (package_dir / "interpretation.md").read_text(encoding="utf-8") + "\n咨询电话：0531-86123456\n",
        encoding="utf-8",
    )
    assert main(["check", str(package_dir / "package.yaml")]) == 0
    out = capsys.readouterr().out
    assert "交审核人员逐条确认的检查发现（1处）" in out
    assert "解读材料 第" in out and "[个人信息/landline] “0531-86123456”" in out


def test_check_does_not_list_returned_findings_again_for_the_reviewers(package_dir, capsys):
    policy = package_dir / "policy.txt"
    policy.write_text(
        "联系人：张伟\n经国家工商行政管理总局批准\n" + policy.read_text(encoding="utf-8"), encoding="utf-8"
    )
    assert main(["check", str(package_dir / "package.yaml")]) == 1
    out = capsys.readouterr().out
    assert "1. 政策文件有错误表述（共1处）：第2行“国家工商行政管理总局”" in out
    assert "交审核人员逐条确认的检查发现（1处）" in out
    assert "[个人信息/person_name] “张伟”" in out and "[错敏词/wrong_word]" not in out


@pytest.mark.parametrize(
    ("content", "message"),
    [("title: [unclosed", "is not valid YAML"), ("title: x\n", "kind: Field required")],
)
def test_check_an_invalid_manifest_exits_2(tmp_path, capsys, content, message):
    manifest = tmp_path / "package.yaml"
    manifest.write_text(content, encoding="utf-8")
    assert main(["check", str(manifest)]) == 2
    assert message in capsys.readouterr().err


def test_check_a_missing_policy_file_exits_2(package_dir, capsys):
    (package_dir / "policy.txt").unlink()
    assert main(["check", str(package_dir / "package.yaml")]) == 2
    assert "file not found" in capsys.readouterr().err


def test_installed_script_scan_of_a_broken_file_exits_2_without_a_traceback(tmp_path):
    path = tmp_path / "broken.docx"
    path.write_bytes(b"PK\x03\x04 not a zip")
    result = subprocess.run([POLICYFLOW, "scan", str(path)], capture_output=True, text=True, check=False)
    assert result.returncode == 2
    assert "not a valid .docx" in result.stderr and "Traceback" not in result.stderr
