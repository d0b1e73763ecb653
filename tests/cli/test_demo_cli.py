"""``policyflow demo``, the README's main job, run as a user runs it."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

pytestmark = pytest.mark.prefect
POLICYFLOW = str(Path(sys.executable).with_name("policyflow"))
TITLE = "青禾县人民政府办公室关于印发青禾县2026年政务公开工作要点的通知"


def _run(*args: str, timeout: float = 600) -> subprocess.CompletedProcess[str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith(("PREFECT_", "POLICYFLOW_"))}
    return subprocess.run([POLICYFLOW, *args], env=env, capture_output=True, text=True, timeout=timeout)


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
