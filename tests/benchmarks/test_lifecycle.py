"""benchmarks/lifecycle.py runs one package and the floor end to end (its timings are printed, never asserted)."""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

import pytest

SCRIPT = Path(__file__).resolve().parents[2] / "benchmarks" / "lifecycle.py"

pytestmark = pytest.mark.prefect


def test_benchmark_publishes_a_package_and_prints_each_figure_beside_the_floor():
    result = subprocess.run(
        [sys.executable, str(SCRIPT), "--packages", "1", "--timeout", "600"],
        cwd=SCRIPT.parents[1],
        capture_output=True,
        text=True,
        check=False,
        timeout=900,
    )
    assert result.returncode in (0, 1), result.stdout + result.stderr
    out = result.stdout
    assert "target (" in out, out + result.stderr  # a run that failed half-way says why on stderr
    assert re.search(r"gates per package: 5 \(部门负责人审定 → 保密审查 → 保密审查 → 保密审查 → 签发\)", out)
    assert re.search(r"policyflow: 1 packages \(all 已发布\) in [\d.]+ s = [\d.]+ packages/min", out)
    assert re.search(r"floor: 1 runs in [\d.]+ s = [\d.]+ packages/min", out)
    assert re.search(r"ratio policyflow / floor \(wall time\): [\d.]+x", out)
    assert re.search(r"of which publication .*: median [\d.]+ s per package", out)
    assert re.search(r"without publication: every package signed \(签发\) after [\d.]+ s = [\d.]+x", out)
    for latency in ("start → first gate", "answer → next gate", "last answer → finished"):
        assert re.search(rf"{latency}: [\d.]+ s / [\d.]+ s = [\d.]+x", out)
    assert re.search(r"CPU seconds per package: policyflow [\d.]+, floor [\d.]+ = [\d.]+x", out)
    assert re.search(r"target \(policyflow <= 1.5x the floor\): (NOT )?MET \([\d.]+x\)", out)
