"""Deadlines are computed from the stored calendar and recomputed when a year is added or corrected."""

from __future__ import annotations

from datetime import date

import pytest
import yaml
from sqlmodel import select

from models.audit import AuditEntry
from models.db import session_scope
from models.deadlines import CalendarYear, Deadline
from models.enums import DeadlineKind, DeadlineStatus
from models.errors import CalendarFileInvalid
from models.settings import BUNDLED_CALENDAR
from tasks.deadlines import load_calendar_file, open_deadline

# A made-up 2027 for the tests only: the real notice is not published yet.
TEST_2027 = {
    2027: {
        "notice": "测试用2027年安排",
        "holidays": [
            {"name": "元旦", "days_off": date(2027, 1, 1)},
            {
                "name": "春节",
                "days_off": {"from": date(2027, 2, 5), "to": date(2027, 2, 11)},
                "working_weekends": [date(2027, 2, 13)],
            },
        ],
    }
}


def _open(start: date, days: int = 20) -> int:
    with session_scope() as session:
        return (
            open_deadline(
                session,
                kind=DeadlineKind.PROACTIVE_DISCLOSURE,
                subject_type="document",
                subject_id=1,
                start=start,
                working_days=days,
                description="测试文件",
            ).id
            or 0
        )


def _write(tmp_path, data, name="calendar.yaml"):
    path = tmp_path / name
    path.write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
    return path


def test_open_deadline_records_due_date_derivation_and_calendar_version(db):
    deadline_id = _open(date(2026, 9, 24), 10)
    with session_scope() as session:
        deadline = session.get_one(Deadline, deadline_id)
    assert deadline.due == date(2026, 10, 15)
    assert deadline.calendar_version.startswith("2026:")
    assert "2026-10-10 星期六  working day 6 (调休上班, 国庆节)" in deadline.computation


def test_open_deadline_into_an_unpublished_year_waits_instead_of_guessing(db):
    deadline_id = _open(date(2026, 12, 10), 20)
    with session_scope() as session:
        deadline = session.get_one(Deadline, deadline_id)
    assert deadline.due is None
    assert "waiting for the 2027 holiday schedule" in deadline.computation


def test_loading_the_missing_year_computes_waiting_deadlines_and_audits_it(db, tmp_path):
    deadline_id = _open(date(2026, 12, 10), 20)
    with session_scope() as session:
        changes, moved = load_calendar_file(session, _write(tmp_path, TEST_2027), "zfb.sunli")
    assert [(c.year, c.outcome) for c in changes] == [(2027, "added")]
    assert [(m.deadline_id, m.old_due, m.new_due) for m in moved] == [(deadline_id, None, date(2027, 1, 8))]
    with session_scope() as session:
        actions = session.exec(select(AuditEntry.action).where(AuditEntry.actor == "zfb.sunli")).all()
    assert actions == ["calendar.added", "deadline.recompute"]


def test_a_corrected_year_moves_open_deadlines_but_not_met_ones(db, tmp_path):
    open_id, met_id = _open(date(2026, 11, 23), 10), _open(date(2026, 11, 23), 10)
    with session_scope() as session:
        session.get_one(Deadline, met_id).status = DeadlineStatus.MET
    corrected = yaml.safe_load(BUNDLED_CALENDAR.read_text(encoding="utf-8"))
    corrected[2026]["holidays"].append({"name": "测试补充假日", "days_off": date(2026, 11, 30)})
    with session_scope() as session:
        changes, moved = load_calendar_file(session, _write(tmp_path, {2026: corrected[2026]}), "admin")
    assert [(c.year, c.outcome) for c in changes] == [(2026, "corrected")]
    assert [(m.deadline_id, m.old_due, m.new_due) for m in moved] == [
        (open_id, date(2026, 12, 7), date(2026, 12, 8))
    ]
    with session_scope() as session:
        assert session.get_one(Deadline, met_id).due == date(2026, 12, 7)


def test_loading_an_unchanged_year_changes_nothing(db):
    with session_scope() as session:
        changes, moved = load_calendar_file(session, BUNDLED_CALENDAR, "admin")
    assert {c.outcome for c in changes} == {"unchanged"} and moved == []


def test_loading_an_invalid_file_stores_nothing(db, tmp_path):
    bad = {
        2027: {
            **TEST_2027[2027],
            "holidays": [
                {"name": "元旦", "days_off": date(2027, 1, 1), "working_weekends": [date(2027, 1, 1)]}
            ],
        }
    }
    with pytest.raises(CalendarFileInvalid, match="both as a day off"), session_scope() as session:
        load_calendar_file(session, _write(tmp_path, bad), "admin")
    with session_scope() as session:
        assert session.get(CalendarYear, 2027) is None
