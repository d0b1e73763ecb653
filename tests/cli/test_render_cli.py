"""``policyflow render``: a preview of the policy and its interpretation, without publishing."""

from __future__ import annotations

import json
import shutil
import subprocess
from datetime import date
from pathlib import Path

import pytest

from policyflow.cli import main
from tests.factories import DEMO_PACKAGE


@pytest.fixture
def package(tmp_path) -> Path:
    """A copy of the demo package that a test may edit."""
    shutil.copytree(DEMO_PACKAGE.parent, tmp_path / "package")
    return tmp_path / "package" / "package.yaml"


def test_render_writes_policy_and_interpretation_with_a_preview_number(demo_db, package, tmp_path, capsys):
    assert main(["render", str(package), "--out", str(tmp_path / "out")]) == 0
    printed = capsys.readouterr().out
    number = f"青政办发〔{date.today().year}〕×号（预览）"
    assert number in printed
    for name in ("policy.pdf", "policy.docx", "interpretation.pdf", "interpretation.docx"):
        assert str(tmp_path / "out" / name) in printed
    text = subprocess.run(
        ["pdftotext", str(tmp_path / "out" / "policy.pdf"), "-"], capture_output=True, text=True
    ).stdout
    assert number in text and "（此件公开发布）" in text


def test_render_json_lists_the_files(demo_db, package, tmp_path, capsys):
    assert main(["render", str(package), "--out", str(tmp_path / "out"), "--json"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert sorted(data["files"]) == ["interpretation_docx", "interpretation_pdf", "policy_docx", "policy_pdf"]


def test_render_refuses_an_unknown_department(demo_db, package, tmp_path, capsys):
    package.write_text(
        package.read_text(encoding="utf-8").replace("青禾县发展和改革局", "青禾县不存在局"), encoding="utf-8"
    )
    assert main(["render", str(package), "--out", str(tmp_path / "out")]) == 2
    assert "no department named 青禾县不存在局" in capsys.readouterr().err


def test_render_refuses_an_unreadable_policy_file(demo_db, package, tmp_path, capsys):
    (package.parent / "policy.txt").unlink()
    assert main(["render", str(package), "--out", str(tmp_path / "out")]) == 2
    assert "file not found" in capsys.readouterr().err


def test_render_names_characters_no_font_can_draw(demo_db, package, tmp_path, capsys):
    policy = package.parent / "policy.txt"
    policy.write_text(policy.read_text(encoding="utf-8") + "\n附：\ue000号表格。\n", encoding="utf-8")
    assert main(["render", str(package), "--out", str(tmp_path / "out")]) == 2
    assert "U+E000" in capsys.readouterr().err
