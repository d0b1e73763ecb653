"""``policyflow calendar``: output a user reads, and exit codes."""

from __future__ import annotations

import json
import os
import subprocess

import pytest

from policyflow.cli import main
from tests.terminal import POLICYFLOW


@pytest.mark.parametrize(
    ("start", "days", "due"), [("2026-09-24", "10", "2026-10-15"), ("2025-04-25", "3", "2025-04-29")]
)
def test_add_days_prints_the_due_date_alone_on_one_line(db, capsys, start, days, due):
    assert main(["calendar", "add-days", start, days]) == 0
    assert capsys.readouterr().out == f"{due}\n"


def test_add_days_explain_adds_the_derivation(db, capsys):
    assert main(["calendar", "add-days", "2026-09-24", "10", "--explain"]) == 0
    lines = capsys.readouterr().out.splitlines()
    assert lines[0] == "2026-10-15"
    assert "2026-10-10 星期六  working day 6 (调休上班, 国庆节)" in lines


def test_add_days_json_carries_due_date_and_days(db, capsys):
    assert main(["calendar", "add-days", "2026-09-24", "10", "--json"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert data["due"] == "2026-10-15"
    assert sum(1 for d in data["days"] if d["working_day"]) == 10


def test_add_days_into_2027_exits_2_naming_the_year(db, capsys):
    assert main(["calendar", "add-days", "2026-12-28", "10"]) == 2
    captured = capsys.readouterr()
    assert captured.out == ""
    assert "no State Council holiday schedule is loaded for 2027" in captured.err


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["calendar", "add-days", "2026/09/24", "10"], "START must be a date written YYYY-MM-DD"),
        (["calendar", "add-days", "2026-02-30", "1"], "got '2026-02-30'"),
        (["calendar", "add-days", "2026-09-24", "-3"], "0 or more"),
        (["calendar", "between", "2026-09-24", "soon"], "END must be a date"),
    ],
)
def test_calendar_bad_input_exits_2_with_a_message(db, capsys, args, message):
    assert main(args) == 2
    assert message in capsys.readouterr().err


def test_between_and_day(db, capsys):
    assert main(["calendar", "between", "2026-09-24", "2026-10-15"]) == 0
    assert capsys.readouterr().out == "10\n"
    assert main(["calendar", "day", "2026-10-10"]) == 0
    assert capsys.readouterr().out == "2026-10-10 working day (调休上班, 国庆节)\n"


def test_load_reports_years_and_recomputed_deadlines(db, capsys, tmp_path):
    path = tmp_path / "2027.yaml"
    path.write_text(
        "2027:\n  notice: 测试通知\n  holidays:\n    - {name: 元旦, days_off: 2027-01-01}\n", encoding="utf-8"
    )
    assert main(["calendar", "load", str(path), "--as", "zfb.sunli"]) == 0
    assert "2027: added" in capsys.readouterr().out
    assert main(["calendar", "add-days", "2026-12-28", "10"]) == 0
    assert capsys.readouterr().out == "2027-01-12\n"


def test_load_a_malformed_file_exits_2_and_stores_nothing(db, capsys, tmp_path):
    path = tmp_path / "bad.yaml"
    path.write_text(
        "2027:\n  notice: x\n  holidays:\n    - {name: 元旦, days_off: 2027-01-01, "
        "working_weekends: [2027-01-01]}\n",
        encoding="utf-8",
    )
    assert main(["calendar", "load", str(path)]) == 2
    assert "listed both as a day off" in capsys.readouterr().err
    assert main(["calendar", "add-days", "2026-12-28", "10"]) == 2


def test_load_a_missing_file_exits_2(db, capsys, tmp_path):
    assert main(["calendar", "load", str(tmp_path / "nope.yaml")]) == 2
    assert "cannot read calendar file" in capsys.readouterr().err


def test_installed_script_exits_2_without_a_traceback(data_dir):
    env = {**os.environ, "POLICYFLOW_DATA_DIR": str(data_dir)}
    result = subprocess.run(
        [POLICYFLOW, "calendar", "add-days", "2026-12-28", "10"],
        capture_output=True,
        text=True,
        env=env,
        check=False,
    )
    assert result.returncode == 2
    assert "2027" in result.stderr and "Traceback" not in result.stderr
    result = subprocess.run(
        [POLICYFLOW, "calendar", "add-days", "2026-09-24", "10"],
        capture_output=True,
        text=True,
        env=env,
        check=False,
    )
    assert (result.returncode, result.stdout) == (0, "2026-10-15\n")
