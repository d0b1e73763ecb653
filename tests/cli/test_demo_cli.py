"""``policyflow demo``, the README's main job, run as a user runs it."""

from __future__ import annotations

import subprocess

import pytest

from tests.terminal import POLICYFLOW, fresh_env

pytestmark = pytest.mark.prefect
TITLE = "青禾县人民政府办公室关于印发青禾县2026年政务公开工作要点的通知"


def _run(*args: str, timeout: float = 600) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [POLICYFLOW, *args], env=fresh_env(), capture_output=True, text=True, timeout=timeout
    )


def test_demo_returns_once_then_publishes_policy_and_interpretation(tmp_path):
    result = _run("demo", "--out", str(tmp_path / "demo"))
    assert result.returncode == 0, result.stdout + result.stderr
    printed = result.stdout
    assert "退文" in printed and "解读形式不足" in printed  # the first round is returned with its reason
    assert "refused" in printed  # the mistyped secret
    assert "已发布" in printed and "intact" in printed
    assert "青政办发〔" in printed and "policy_pdf:" in printed and "portal/index.html" in printed
    output = tmp_path / "demo" / "output"
    pdfs = sorted(p.name for p in output.rglob("*.pdf"))
    assert any("interpretation" in name for name in pdfs) and len(pdfs) >= 2, pdfs
    index = (output / "portal" / "index.html").read_text(encoding="utf-8")
    assert TITLE in index


def test_demo_refuses_a_directory_that_holds_something_else(tmp_path):
    (tmp_path / "notes.txt").write_text("mine", encoding="utf-8")
    result = _run("demo", "--out", str(tmp_path), timeout=60)
    assert result.returncode == 2
    assert "is not empty and holds no earlier demo" in result.stderr
    assert (tmp_path / "notes.txt").read_text(encoding="utf-8") == "mine"
