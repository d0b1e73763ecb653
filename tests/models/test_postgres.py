"""The domain model on PostgreSQL, the production database."""

from __future__ import annotations

import threading

import pytest
from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from sqlmodel import SQLModel, text

import models.tables  # noqa: F401
from models.audit import append_audit, verify_chain
from models.db import get_engine, session_scope
from models.lifecycle import Action, Status, transition
from tasks.deadlines import stored_calendar
from tests.factories import actor, make_document

pytestmark = pytest.mark.postgres


def test_postgres_migrations_match_the_models(pg_db):
    with get_engine().connect() as connection:
        context = MigrationContext.configure(connection, opts={"compare_type": True})
        assert compare_metadata(context, SQLModel.metadata) == []


def test_postgres_stores_chinese_enum_values_as_text(pg_db):
    with session_scope() as session:
        document = make_document(session)
        transition(session, document, Action.SUBMIT, actor(session, "fgj.zhangwei"))
        kind = session.exec(text("SELECT kind FROM policy_documents")).one()[0]  # type: ignore[call-overload]
    assert kind == "行政规范性文件"
    assert document.status == Status.SUBMITTED


def test_postgres_concurrent_audit_appends_keep_one_unbroken_chain(pg_db):
    errors: list[BaseException] = []

    def writer(n: int) -> None:
        try:
            for i in range(15):
                with session_scope() as session:
                    append_audit(
                        session, actor=f"w{n}", action="test.concurrent", subject_type="t", subject_id=i
                    )
        except BaseException as exc:  # collected and asserted on below
            errors.append(exc)

    threads = [threading.Thread(target=writer, args=(n,)) for n in range(4)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert errors == []
    with session_scope() as session:
        report = verify_chain(session)
    assert report.intact, report.problem


def test_postgres_calendar_round_trips(pg_db):
    from datetime import date

    with session_scope() as session:
        assert stored_calendar(session).add_working_days(date(2026, 9, 24), 10) == date(2026, 10, 15)
