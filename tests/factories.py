"""Plain factory functions for test data; each returns the saved row."""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import Any

from sqlmodel import Session

from models.documents import PolicyDocument
from models.enums import Disclosure, DocumentKind, IssuingLevel
from models.lifecycle import Status, create_document
from models.organisation import Actor
from tasks.organisation import actor_for, department_by_name, person_by_account
from tasks.packages import load_package
from tasks.rendering.builder import IssuingOrgans, document_context_from_package, interpretation_context
from tasks.rendering.context import BodyBlock, InterpretationContext, OfficialDocumentContext, PortalEntry

DEMO_PACKAGE = Path(__file__).resolve().parents[1] / "policyflow" / "demo" / "package.yaml"


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


def make_document_context(**overrides: Any) -> OfficialDocumentContext:
    """The demo county's work-plan notice as a 公文 context; ``overrides`` replace fields."""
    fields: dict[str, Any] = {
        "issuer_mark": "青禾县人民政府办公室文件",
        "doc_number": "青政办发〔2026〕5号",
        "title": "青禾县人民政府办公室关于印发青禾县2026年政务公开工作要点的通知",
        "main_recipients": "各镇人民政府，各街道办事处，县政府各部门",
        "body": [
            BodyBlock(text="《青禾县2026年政务公开工作要点》已经县政府同意，现印发给你们，请认真贯彻落实。")
        ],
        "signer": "青禾县人民政府办公室",
        "signed_on": date(2026, 1, 5),
        "annotation": Disclosure.PROACTIVE.annotation,
        "copy_to": "县委各部门，县人大常委会办公室，县政协办公室",
        "printing_organ": "青禾县人民政府办公室",
        "printed_on": date(2026, 1, 5),
    }
    return OfficialDocumentContext(**(fields | overrides))


def demo_document_context(**overrides: Any) -> OfficialDocumentContext:
    """The full demo package (policyflow/demo) as a 公文 context, body and enclosure parsed."""
    package = load_package(DEMO_PACKAGE)
    organs = IssuingOrgans("青禾县人民政府办公室", "青政办发", "青禾县人民政府办公室", "青禾县发展和改革局")
    context = document_context_from_package(
        package, organs, doc_number="青政办发〔2026〕5号", signed_on=date(2026, 1, 5)
    )
    return context.model_copy(update=overrides)


def demo_interpretation_context() -> InterpretationContext:
    """The demo package's interpretation material as a 解读 context."""
    package = load_package(DEMO_PACKAGE)
    assert package.interpretation is not None
    return interpretation_context(
        material=package.interpretation.text,
        policy_title=package.manifest.title,
        doc_number="青政办发〔2026〕5号",
        organ="青禾县发展和改革局",
        published_on=date(2026, 1, 6),
    )


def make_portal_entry(slug: str = "doc-1", **overrides: Any) -> PortalEntry:
    """A proactively published policy for the portal; ``overrides`` replace fields."""
    fields: dict[str, Any] = {
        "slug": slug,
        "document": make_document_context(),
        "department": "青禾县人民政府办公室",
        "kind": DocumentKind.POLICY,
        "disclosure": Disclosure.PROACTIVE,
        "published_on": date(2026, 1, 6),
    }
    return PortalEntry(**(fields | overrides))
