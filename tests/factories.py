"""Plain factory functions for test data; each returns the saved row."""

from __future__ import annotations

from sqlmodel import Session

from models.documents import PolicyDocument
from models.enums import DocumentKind, IssuingLevel
from models.lifecycle import Status, create_document
from models.organisation import Actor
from tasks.organisation import actor_for, department_by_name, person_by_account


def make_document(
    session: Session,
    *,
    drafter: str = "fgj.zhangwei",
    kind: DocumentKind = DocumentKind.NORMATIVE,
    issuing_level: IssuingLevel = IssuingLevel.DEPARTMENT,
    status: Status | None = None,
) -> PolicyDocument:
    """A document by ``drafter`` in their department; ``status`` forces a starting status for table tests."""
    person = person_by_account(session, drafter)
    document = PolicyDocument(
        kind=kind, issuing_level=issuing_level, department_id=person.department_id, drafter_id=person.id or 0
    )
    create_document(session, document, actor_for(session, drafter))
    if status is not None:
        document.status = status  # test set-up only: reaching a status by its real path is tested elsewhere
        session.add(document)
        session.flush()
    return document


def actor(session: Session, account: str) -> Actor:
    """The acting identity of a demo account."""
    return actor_for(session, account)


def department_id(session: Session, name: str = "青禾县发展和改革局") -> int:
    """The id of a demo department."""
    return department_by_name(session, name).id or 0
