"""``policyflow init``, ``org``, ``people`` and ``audit`` from a terminal."""

from __future__ import annotations

import json

from policyflow.cli import main


def test_init_demo_creates_the_county_and_is_repeatable(data_dir, capsys):
    assert main(["init", "--demo"]) == 0
    first = capsys.readouterr().out
    assert "calendar 2026: added" in first and "7 departments, 10 people" in first
    assert main(["init", "--demo"]) == 0
    assert "calendar 2026: unchanged" in capsys.readouterr().out
    assert main(["org", "list", "--json"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert {d["organ_code"] for d in data["departments"]} >= {"青政办发", "青发改发"}
    assert len(data["people"]) == 10


def test_init_demo_is_refused_in_production(data_dir, capsys, monkeypatch):
    monkeypatch.setenv("POLICYFLOW_ENVIRONMENT", "production")
    monkeypatch.setenv("POLICYFLOW_DATABASE_URL", "postgresql+psycopg://u:p@127.0.0.1:1/none")
    assert main(["init", "--demo"]) == 2
    assert "refused in production" in capsys.readouterr().err


def test_people_set_secret_for_an_unknown_account_exits_2(demo_db, capsys, monkeypatch):
    monkeypatch.setattr("typer.prompt", lambda *a, **k: "long enough secret")
    assert main(["people", "set-secret", "nobody"]) == 2
    assert "no account named 'nobody'" in capsys.readouterr().err


def test_people_set_secret_for_a_known_account(demo_db, capsys, monkeypatch):
    monkeypatch.setattr("typer.prompt", lambda *a, **k: "long enough secret")
    assert main(["people", "set-secret", "sfj.liuyang", "--as", "admin"]) == 0
    assert "approval secret set for sfj.liuyang" in capsys.readouterr().out


def test_org_load_with_an_invalid_file_exits_2(db, capsys, tmp_path):
    path = tmp_path / "org.yaml"
    path.write_text("departments:\n  - {name: 某局, level: 省厅, organ_code: 某发}\n", encoding="utf-8")
    assert main(["org", "load", str(path)]) == 2
    assert "departments → 0 → level" in capsys.readouterr().err


def test_audit_log_shows_the_newest_rows(demo_db, capsys):
    assert main(["audit", "log", "--limit", "3", "--json"]) == 0
    rows = json.loads(capsys.readouterr().out)
    assert len(rows) == 3 and rows[-1]["action"] == "person.save"
