"""Plain factory functions for test data: saved rows, and packages built from the demo."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path
from typing import Any

from sqlmodel import Session

from models.documents import PolicyDocument
from models.enums import DocumentKind, IssuingLevel
from models.lifecycle import Status, create_document
from models.organisation import Actor
from tasks.organisation import actor_for, department_by_name, person_by_account
from tasks.packages import LoadedPackage, load_package


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


DEMO_PACKAGE = Path(__file__).resolve().parents[1] / "policyflow" / "demo" / "package.yaml"


def demo_package(
    *,
    policy_text: str | None = None,
    interpretation_text: str | None = None,
    without_interpretation: bool = False,
    **manifest_changes: Any,
) -> LoadedPackage:
    """The demo package (which passes every check), with the manifest fields and texts given replaced."""
    package = load_package(DEMO_PACKAGE)
    manifest = package.manifest.model_copy(update=manifest_changes)
    policy = replace(package.policy, text=policy_text) if policy_text is not None else package.policy
    interpretation = package.interpretation
    if without_interpretation:
        manifest, interpretation = manifest.model_copy(update={"interpretation_file": None}), None
    elif interpretation_text is not None and interpretation is not None:
        interpretation = replace(interpretation, text=interpretation_text)
    return LoadedPackage(manifest, policy, interpretation, package.base_dir)
