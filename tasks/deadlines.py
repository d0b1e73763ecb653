"""Storing holiday schedules and keeping working-day deadlines computed from them."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from pathlib import Path

from sqlmodel import Session, select

from models.audit import append_audit
from models.base import utcnow
from models.deadlines import CalendarYear, Deadline
from models.enums import DeadlineKind, DeadlineStatus
from models.errors import CalendarNotPublished, InvalidInput
from tasks.calendar import WorkCalendar, YearSchedule, calendar_from_specs, read_calendar_file


def stored_calendar(session: Session) -> WorkCalendar:
    """The working-day calendar as loaded into the database."""
    rows = session.exec(select(CalendarYear)).all()
    if not rows:
        raise InvalidInput(
            "no holiday schedule is loaded", "Run `policyflow init` to load the bundled calendar."
        )
    return calendar_from_specs((row.year, row.spec) for row in rows)


@dataclass(frozen=True)
class YearChange:
    """What loading did to one year: ``added``, ``corrected`` or ``unchanged``."""

    year: int
    outcome: str
    version: str


@dataclass(frozen=True)
class DueChange:
    """A deadline whose due date moved when the calendar changed."""

    deadline_id: int
    description: str
    old_due: date | None
    new_due: date | None


def store_years(
    session: Session, years: dict[int, YearSchedule], actor: str, *, replace: bool = True
) -> list[YearChange]:
    """Store validated years (new ones always; changed ones when ``replace``) and audit each change."""
    changes = []
    for year, schedule in sorted(years.items()):
        row, digest, version = session.get(CalendarYear, year), schedule.sha256(), schedule.version()
        if row is not None and (row.sha256 == digest or not replace):
            changes.append(YearChange(year, "unchanged", row.sha256[:12]))
            continue
        outcome = "added" if row is None else "corrected"
        spec = schedule.canonical()
        row = row or CalendarYear(year=year, notice=schedule.notice, spec=spec, sha256=digest)
        row.notice, row.spec, row.sha256, row.loaded_at, row.loaded_by = (
            schedule.notice,
            spec,
            digest,
            utcnow(),
            actor,
        )
        session.add(row)
        append_audit(
            session,
            actor=actor,
            action=f"calendar.{outcome}",
            subject_type="calendar_year",
            subject_id=year,
            detail={"notice": schedule.notice, "version": version},
        )
        changes.append(YearChange(year, outcome, version))
    session.flush()
    return changes


def load_calendar_file(session: Session, path: Path, actor: str) -> tuple[list[YearChange], list[DueChange]]:
    """Validate a calendar file, store its years, and recompute every open deadline."""
    changes = store_years(session, read_calendar_file(path), actor)
    moved = recompute_open_deadlines(session, actor) if any(c.outcome != "unchanged" for c in changes) else []
    return changes, moved


def compute(deadline: Deadline, calendar: WorkCalendar) -> None:
    """Fill in the due date and its derivation, or mark it waiting for an unpublished year."""
    try:
        derivation = calendar.explain(deadline.start, deadline.working_days)
    except CalendarNotPublished as exc:
        deadline.due, deadline.calendar_version = None, ""
        deadline.computation = (
            f"waiting for the {exc.year} holiday schedule: {deadline.working_days} working days "
            f"from {deadline.start} reach into {exc.year}, which has no published schedule"
        )
        return
    deadline.due, deadline.calendar_version = derivation.due, derivation.calendar_version
    deadline.computation = "\n".join(derivation.lines())


def open_deadline(
    session: Session,
    *,
    kind: DeadlineKind,
    subject_type: str,
    subject_id: int,
    start: date,
    working_days: int,
    description: str = "",
    actor: str = "system",
) -> Deadline:
    """Start a working-day clock and audit it; the due date is computed from the stored calendar."""
    deadline = Deadline(
        kind=kind,
        subject_type=subject_type,
        subject_id=subject_id,
        start=start,
        working_days=working_days,
        description=description,
        computation="",
    )
    compute(deadline, stored_calendar(session))
    session.add(deadline)
    session.flush()
    append_audit(
        session,
        actor=actor,
        action="deadline.open",
        subject_type="deadline",
        subject_id=deadline.id,
        detail={
            "kind": str(kind),
            "start": start.isoformat(),
            "working_days": working_days,
            "due": deadline.due.isoformat() if deadline.due else None,
            "calendar": deadline.calendar_version,
        },
    )
    return deadline


def recompute_open_deadlines(session: Session, actor: str) -> list[DueChange]:
    """Recompute every open deadline against the stored calendar; audit and return those that moved."""
    calendar, moved = stored_calendar(session), []
    for deadline in session.exec(select(Deadline).where(Deadline.status == DeadlineStatus.OPEN)).all():
        old_due, old_version = deadline.due, deadline.calendar_version
        compute(deadline, calendar)
        if (deadline.due, deadline.calendar_version) == (old_due, old_version):
            continue
        deadline.updated_at = utcnow()
        session.add(deadline)
        append_audit(
            session,
            actor=actor,
            action="deadline.recompute",
            subject_type="deadline",
            subject_id=deadline.id,
            detail={
                "old_due": old_due.isoformat() if old_due else None,
                "new_due": deadline.due.isoformat() if deadline.due else None,
                "calendar": deadline.calendar_version,
            },
        )
        if deadline.due != old_due:
            moved.append(DueChange(deadline.id or 0, deadline.description, old_due, deadline.due))
    session.flush()
    return moved
