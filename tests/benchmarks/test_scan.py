"""benchmarks/scan.py runs and finds every planted item (its timings are printed, never asserted)."""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

SCRIPT = Path(__file__).resolve().parents[2] / "benchmarks" / "scan.py"


def test_benchmark_prints_its_figures_and_finds_every_planted_item():
    result = subprocess.run(
        [sys.executable, str(SCRIPT), "--mb", "0.3", "--baseline-mb", "0.02", "--repeat", "1"],
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode in (0, 1), result.stderr
    out = result.stdout
    for label in (
        "full scan (all scanners):",
        "re-alternation baseline",
        "ratio full scan / baseline:",
        "peak memory:",
    ):
        assert label in out
    assert re.search(r"targets \(>= 30 MB/s and >= 20x baseline\): (NOT )?MET", out)
    (recall,) = re.findall(r"planted items found \(found/planted\): (.*)", out)
    counts = re.findall(r"(\w+) (\d+)/(\d+)", recall)
    assert {kind for kind, _, _ in counts} >= {
        "id_number",
        "bank_card",
        "mobile",
        "person_name",
        "secret_keyword",
    }
    assert all(found == planted for _, found, planted in counts)
    assert "other findings (from the samples' own text): none" in out
