"""``policyflow publish`` and ``policyflow portal build`` from a terminal."""

from __future__ import annotations

import json

from policyflow.cli import main
from tests.factories import checked_in_review, signed

TITLE = "青禾县人民政府办公室关于印发青禾县2026年政务公开工作要点的通知"


def test_publish_prints_the_number_and_a_second_run_changes_nothing(demo_db, tmp_path, capsys):
    ref = signed()
    assert main(["publish", str(ref.document_id), "--json"]) == 0
    first = json.loads(capsys.readouterr().out)
    assert first["doc_number"].startswith("青政办发〔") and first["already"] is False
    assert main(["publish", str(ref.document_id)]) == 0
    printed = capsys.readouterr().out
    assert printed.startswith(f"{first['doc_number']} ") and "(already published)" in printed

    assert main(["portal", "build", "--out", str(tmp_path / "site")]) == 0
    assert "1 listed" in capsys.readouterr().out
    assert TITLE in (tmp_path / "site" / "index.html").read_text(encoding="utf-8")


def test_publish_refuses_a_document_not_yet_signed(demo_db, capsys):
    ref = checked_in_review()
    assert main(["publish", str(ref.document_id)]) == 2
    err = capsys.readouterr().err
    assert "审核中" in err or "not signed" in err, err


def test_publish_refuses_an_unknown_document(demo_db, capsys):
    assert main(["publish", "999"]) == 2
    assert "999" in capsys.readouterr().err


def test_portal_build_on_an_empty_database_builds_an_empty_portal(demo_db, tmp_path, capsys):
    assert main(["portal", "build", "--out", str(tmp_path / "site")]) == 0
    assert "0 listed" in capsys.readouterr().out
    assert (tmp_path / "site" / "index.html").is_file()
