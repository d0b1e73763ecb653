"""Where every document is, which review steps wait on whom, and what is overdue — in working days."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from datetime import date

from sqlmodel import Session, col, func, select

from models.base import local_date
from models.db import session_scope
from models.deadlines import Deadline
from models.documents import DocumentVersion, PolicyDocument
from models.enums import DeadlineStatus, StepStatus
from models.errors import CalendarNotPublished
from models.lifecycle import Status
from models.organisation import Department
from models.review import ReviewStep
from tasks.deadlines import stored_calendar
from tasks.review import reviewers_for


@dataclass(frozen=True)
class WaitingStep:
    """A review step waiting for a person, with its age in working days."""

    step_id: int
    document_id: int
    title: str
    stage: str
    level: int
    role: str
    reviewers: list[str]
    opened_on: date
    due: date | None
    age_working_days: int | None  # None when the calendar lacks a year it spans
    overdue: bool
    flow_run_id: str


@dataclass(frozen=True)
class DocumentLine:
    """One document and where it stands."""

    document_id: int
    title: str
    status: str
    status_label: str
    department: str
    version: int
    doc_number: str | None


@dataclass(frozen=True)
class OverdueDeadline:
    """An open statutory or configured clock past its due date."""

    deadline_id: int
    kind: str
    description: str
    due: date


@dataclass(frozen=True)
class StatusReport:
    """The whole picture on one day."""

    today: date
    counts: dict[str, int]
    documents: list[DocumentLine] = field(default_factory=list)
    waiting: list[WaitingStep] = field(default_factory=list)
    overdue: list[OverdueDeadline] = field(default_factory=list)


def status_report(today: date | None = None) -> StatusReport:
    """Documents by status, waiting steps and overdue deadlines as of ``today`` (China's date by default)."""
    today = today or local_date()
    with session_scope() as session:
        documents = _documents(session)
        waiting = waiting_steps(session, today)
        overdue = [
            OverdueDeadline(d.id or 0, str(d.kind), d.description, d.due)
            for d in _overdue(session, today)
            if d.due is not None
        ]
    counts = Counter(line.status for line in documents)
    return StatusReport(today, dict(sorted(counts.items())), documents, waiting, overdue)


def _documents(session: Session) -> list[DocumentLine]:
    latest = (
        select(DocumentVersion.document_id, func.max(DocumentVersion.number).label("number"))
        .group_by(col(DocumentVersion.document_id))
        .subquery()
    )
    rows = session.exec(
        select(PolicyDocument, DocumentVersion, Department)
        .join(latest, col(latest.c.document_id) == PolicyDocument.id)
        .join(
            DocumentVersion,
            (col(DocumentVersion.document_id) == PolicyDocument.id)
            & (col(DocumentVersion.number) == latest.c.number),
        )
        .join(Department, col(Department.id) == PolicyDocument.department_id)
        .order_by(col(PolicyDocument.id))
    ).all()
    return [
        DocumentLine(
            d.id or 0, v.title, str(d.status), Status(d.status).label, dept.name, v.number, d.doc_number
        )
        for d, v, dept in rows
    ]


def waiting_steps(session: Session, today: date) -> list[WaitingStep]:
    """Steps waiting for a decision, oldest first."""
    calendar = stored_calendar(session)
    steps = session.exec(
        select(ReviewStep).where(ReviewStep.status == StepStatus.WAITING).order_by(col(ReviewStep.opened_at))
    ).all()
    result = []
    for step in steps:
        opened = local_date(step.opened_at)
        clock = session.exec(
            select(Deadline).where(Deadline.subject_type == "review_step", Deadline.subject_id == step.id)
        ).first()
        try:
            age: int | None = calendar.working_days_between(opened, today)
        except CalendarNotPublished:
            age = None
        due = clock.due if clock else None
        title = session.get_one(DocumentVersion, step.version_id).title
        result.append(
            WaitingStep(
                step.id or 0,
                step.document_id,
                title,
                step.stage.label,
                step.level,
                step.required_role.label,
                reviewers_for(session, step),  # not a second session: SQLite would wait on itself
                opened,
                due,
                age,
                due is not None and today > due,
                step.flow_run_id,
            )
        )
    return result


def _overdue(session: Session, today: date) -> list[Deadline]:
    query = select(Deadline).where(
        Deadline.status == DeadlineStatus.OPEN, col(Deadline.due).is_not(None), col(Deadline.due) < today
    )
    return list(session.exec(query.order_by(col(Deadline.due))).all())
