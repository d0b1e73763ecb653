"""The hash-chained audit log detects edits and deletions made behind policyflow's back."""

from __future__ import annotations

import itertools
import sqlite3

import pytest

from models.audit import append_audit, verify_chain
from models.db import dispose_engines, session_scope
from policyflow.cli import main


def _append(count: int) -> None:
    with session_scope() as session:
        for i in range(count):
            append_audit(
                session,
                actor="tester",
                action="test.event",
                subject_type="test",
                subject_id=i,
                detail={"n": i, "note": "中文说明"},
            )


def _raw(db_path, sql: str, *params) -> None:
    """Change the database file directly, as someone bypassing the application would."""
    dispose_engines()
    with sqlite3.connect(db_path) as connection:
        connection.execute(sql, params)


def _last_ids(count: int) -> list[int]:
    with session_scope() as session:
        report = verify_chain(session)
    return list(range(report.rows_checked - count + 1, report.rows_checked + 1))


def test_verify_chain_passes_on_an_untouched_log(db):
    _append(5)
    with session_scope() as session:
        report = verify_chain(session)
    assert report.intact and report.rows_checked >= 5


def test_verify_chain_names_an_edited_row(db):
    _append(5)
    target = _last_ids(3)[0]
    _raw(db, "UPDATE audit_log SET actor = 'someone-else' WHERE id = ?", target)
    with session_scope() as session:
        report = verify_chain(session)
    assert not report.intact
    assert report.first_bad_id == target
    assert "edited" in report.problem


def test_verify_chain_names_an_edited_detail(db):
    _append(3)
    target = _last_ids(2)[0]
    _raw(db, "UPDATE audit_log SET detail = '{\"n\": 99}' WHERE id = ?", target)
    with session_scope() as session:
        assert verify_chain(session).first_bad_id == target


def test_verify_chain_names_the_row_after_a_deleted_one(db):
    _append(5)
    deleted, following, _ = _last_ids(3)
    _raw(db, "DELETE FROM audit_log WHERE id = ?", deleted)
    with session_scope() as session:
        report = verify_chain(session)
    assert report.first_bad_id == following
    assert "deleted or altered" in report.problem


def test_verify_chain_detects_deleting_the_newest_rows(db):
    _append(5)
    kept, first_deleted, _ = _last_ids(3)
    _raw(db, "DELETE FROM audit_log WHERE id >= ?", first_deleted)
    with session_scope() as session:
        report = verify_chain(session)
    assert not report.intact
    assert report.first_bad_id == first_deleted
    assert f"ends at row {kept}" in report.problem


def test_verify_chain_detects_a_recomputed_hash_that_no_longer_links(db):
    _append(4)
    target = _last_ids(2)[0]
    # Someone edits a row and also rewrites its own hash: the next row's link still exposes it.
    _raw(db, "UPDATE audit_log SET actor = 'x', hash = ? WHERE id = ?", "f" * 64, target)
    with session_scope() as session:
        report = verify_chain(session)
    assert report.first_bad_id == target


def test_cli_audit_verify_exits_1_naming_the_bad_row(db, capsys):
    _append(3)
    target = _last_ids(2)[0]
    assert main(["audit", "verify"]) == 0
    assert "intact" in capsys.readouterr().out
    _raw(db, "UPDATE audit_log SET action = 'tampered' WHERE id = ?", target)
    assert main(["audit", "verify"]) == 1
    assert f"BROKEN at row {target}" in capsys.readouterr().err


@pytest.mark.parametrize("count", [1, 20])
def test_append_audit_links_each_row_to_the_previous(db, count):
    _append(count)
    with session_scope() as session:
        from sqlmodel import select

        from models.audit import AuditEntry

        rows = session.exec(select(AuditEntry).order_by(AuditEntry.id)).all()
    for earlier, later in itertools.pairwise(rows):
        assert later.prev_hash == earlier.hash


def test_concurrent_audit_appends_on_sqlite_keep_one_unbroken_chain(db):
    import threading

    def writer(n: int) -> None:
        for i in range(15):
            with session_scope() as session:
                append_audit(session, actor=f"w{n}", action="test.concurrent", subject_type="t", subject_id=i)

    threads = [threading.Thread(target=writer, args=(n,)) for n in range(4)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    with session_scope() as session:
        report = verify_chain(session)
    assert report.intact and report.rows_checked >= 60
