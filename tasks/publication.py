"""发布 (同步发布): 文号, the policy and its interpretation rendered together, recorded and moved in one step."""

from __future__ import annotations

import shutil
import tempfile
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from sqlalchemy.dialects.postgresql import insert as postgresql_insert
from sqlalchemy.dialects.sqlite import insert as sqlite_insert
from sqlmodel import Session, col, select

from models.base import local_date, sha256_hex, utcnow
from models.db import session_scope
from models.deadlines import Deadline
from models.documents import DocumentVersion, Interpretation, PolicyDocument
from models.enums import (
    DeadlineKind,
    DeadlineStatus,
    Disclosure,
    FindingCategory,
    FindingResolution,
    PublicationScope,
)
from models.errors import IntegrityError, NotFound
from models.lifecycle import Action, Status, check_transition, transition
from models.organisation import SYSTEM_ACTOR, Actor, Department
from models.publication import Channel, DocNumberCounter, Publication
from models.review import Finding
from models.settings import get_settings
from policyflow.memory import collector_paused
from tasks.approvals import verify_approvals
from tasks.redaction import is_named_party_document, redact_text
from tasks.rendering.builder import (
    IssuingOrgans,
    document_context,
    format_doc_number,
    interpretation_context,
    resolve_issuing_organs,
)
from tasks.rendering.context import InterpretationContext, OfficialDocumentContext
from tasks.rendering.docx import render_document_docx, render_interpretation_docx
from tasks.rendering.pdf import render_document_pdf, render_interpretation_pdf
from tasks.scanning import scan_text

CHANNELS = {
    Disclosure.PROACTIVE: Channel.PORTAL,
    Disclosure.ON_REQUEST: Channel.REGISTER,
    Disclosure.WITHHELD: Channel.INTERNAL,
}
FOLDERS = {Channel.PORTAL: "documents", Channel.REGISTER: "registered", Channel.INTERNAL: "internal"}
DONE = {Status.PUBLISHED, Status.ISSUED, Status.REVISED, Status.REPEALED}


@dataclass(frozen=True)
class PublicationRef:
    """What publishing did (or had already done)."""

    document_id: int
    doc_number: str
    channel: Channel
    files: dict[str, str]
    already: bool = False


def allocate_doc_number(session: Session, organ_code: str, year: int) -> str:
    """The next free 发文字号 for an organ and year; the counter row lock serialises concurrent publishers."""
    insert = postgresql_insert if session.get_bind().dialect.name == "postgresql" else sqlite_insert
    session.execute(
        insert(DocNumberCounter).values(organ_code=organ_code, year=year, last=0).on_conflict_do_nothing()
    )
    counter = session.exec(
        select(DocNumberCounter)
        .where(DocNumberCounter.organ_code == organ_code, DocNumberCounter.year == year)
        .with_for_update()
    ).one()
    while True:  # skip numbers already taken, e.g. by documents numbered before policyflow
        counter.last += 1
        number = format_doc_number(organ_code, year, counter.last)
        if session.exec(select(PolicyDocument.id).where(PolicyDocument.doc_number == number)).first() is None:
            session.add(counter)
            return number


def publish_document(document_id: int, actor: Actor = SYSTEM_ACTOR) -> PublicationRef:
    """Publish a signed document once: allocate its 文号, render both texts, record, move, rebuild the portal."""
    existing = _existing(document_id)
    if existing is not None:
        return existing
    doc_number, plan = _number_and_plan(document_id, actor)
    staging = Path(tempfile.mkdtemp(prefix="policyflow-publish-"))
    try:
        with collector_paused():  # reading fonts and laying out pages allocate millions of objects
            rendered = _render(plan, doc_number, staging)
        ref = _record(document_id, plan, doc_number, rendered, actor)
    finally:
        shutil.rmtree(staging, ignore_errors=True)
    from tasks.portal_sync import rebuild_portal

    rebuild_portal()
    return ref


@dataclass(frozen=True)
class PublicationPlan:
    """What will be published for a version: its texts, 公开属性, organs and the findings reviewers cleared."""

    version_id: int
    sha256: str
    title: str
    body: str
    interpretation: str | None
    disclosure: Disclosure
    redacted: bool
    organs: IssuingOrgans
    signed_on: date
    main_recipients: str
    copy_to: str
    attachments: list[str]
    cleared: set[tuple[str, str]]


def _existing(document_id: int) -> PublicationRef | None:
    with session_scope() as session:
        publication = session.exec(select(Publication).where(Publication.document_id == document_id)).first()
        if publication is None:
            return None
        files = {f["role"]: f["path"] for f in publication.files}
        return PublicationRef(document_id, publication.doc_number, publication.channel, files, already=True)


def _number_and_plan(document_id: int, actor: Actor) -> tuple[str, PublicationPlan]:
    with session_scope() as session:
        document = session.get(PolicyDocument, document_id)
        if document is None:
            raise NotFound(
                f"no document {document_id}", "`policyflow status` lists the documents and their ids."
            )
        version = _latest(session, document_id)
        disclosure = version.disclosure or Disclosure.WITHHELD  # never reached: intake returns it unlabelled
        action = Action.ISSUE_WITHHELD if disclosure == Disclosure.WITHHELD else Action.PUBLISH
        check_transition(document, action, actor, {"disclosure": disclosure})
        verify_approvals(session, document_id, version.id or 0)
        plan = plan_for(session, document, version)
        if document.doc_number is None:  # kept on failure, so a retry never takes a second 文号
            document.doc_number = allocate_doc_number(session, plan.organs.organ_code, plan.signed_on.year)
            session.add(document)
        return document.doc_number, plan


def _latest(session: Session, document_id: int) -> DocumentVersion:
    return session.exec(
        select(DocumentVersion)
        .where(DocumentVersion.document_id == document_id)
        .order_by(col(DocumentVersion.number).desc())
    ).first()  # type: ignore[return-value]


def plan_for(session: Session, document: PolicyDocument, version: DocumentVersion) -> PublicationPlan:
    """What a version publishes: its texts, 公开属性, issuing organs and the findings reviewers cleared."""
    department = session.get_one(Department, document.department_id)
    interpretation = session.exec(
        select(Interpretation).where(Interpretation.version_id == version.id)
    ).first()
    return PublicationPlan(
        version.id or 0,
        version.sha256,
        version.title,
        version.body,
        interpretation.material if interpretation else None,
        version.disclosure or Disclosure.WITHHELD,
        version.publication_scope == PublicationScope.REDACTED,
        resolve_issuing_organs(document.issuing_level, department.name, session=session),
        document.signed_on or local_date(),
        version.main_recipients,
        version.copy_to,
        list(version.attachments),
        _cleared_findings(session, version.id or 0),
    )


def _cleared_findings(session: Session, version_id: int) -> set[tuple[str, str]]:
    rows = session.exec(
        select(Finding).where(
            Finding.version_id == version_id, Finding.resolution == FindingResolution.CLEARED
        )
    ).all()
    return {(row.kind, row.text) for row in rows}


def public_texts(plan: PublicationPlan) -> tuple[str, str | None]:
    if not plan.redacted:
        return plan.body, plan.interpretation
    named = is_named_party_document(plan.title)
    body = redact_text(plan.body, named_party_category=named).text
    material = (
        redact_text(plan.interpretation, named_party_category=named).text if plan.interpretation else None
    )
    return body, material


def contexts(
    plan: PublicationPlan, body: str, material: str | None, doc_number: str, published_on: date
) -> tuple[OfficialDocumentContext, InterpretationContext | None]:
    """The 公文 and 解读 contexts of a plan, from its public texts (see ``public_texts``)."""
    document = document_context(
        title=plan.title,
        body_text=body,
        organs=plan.organs,
        doc_number=doc_number,
        signed_on=plan.signed_on,
        disclosure=plan.disclosure,
        main_recipients=plan.main_recipients,
        copy_to=plan.copy_to,
        attachments=plan.attachments,
    )
    if material is None:
        return document, None
    reading = interpretation_context(
        material=material,
        policy_title=plan.title,
        doc_number=doc_number,
        organ=plan.organs.drafter,
        published_on=published_on,
    )
    return document, reading


def check_generated(texts: list[str], cleared: set[tuple[str, str]]) -> None:
    """The texts about to be published hold no 密级 mark and no personal data the reviewers did not clear."""
    for text in texts:
        for finding in scan_text(text):
            if finding.kind == "secret_mark" or (
                finding.category == FindingCategory.PRIVACY and (finding.kind, finding.text) not in cleared
            ):
                raise IntegrityError(
                    f"the document to publish contains {finding.kind} 「{finding.text}」 "
                    "that no reviewer cleared",
                    "Send it back for revision instead.",
                )


def _render(plan: PublicationPlan, doc_number: str, staging: Path) -> dict[str, Path]:
    body, material = public_texts(plan)
    check_generated([plan.title, body, *([material] if material else [])], plan.cleared)
    context, reading = contexts(plan, body, material, doc_number, local_date())
    files = {
        "policy_pdf": render_document_pdf(context, staging / "policy.pdf").path,
        "policy_docx": render_document_docx(context, staging / "policy.docx"),
    }
    if reading is not None:  # 同步发布: the interpretation is rendered before anything is recorded
        files["interpretation_pdf"] = render_interpretation_pdf(reading, staging / "interpretation.pdf").path
        files["interpretation_docx"] = render_interpretation_docx(reading, staging / "interpretation.docx")
    return files


def _record(
    document_id: int, plan: PublicationPlan, doc_number: str, rendered: dict[str, Path], actor: Actor
) -> PublicationRef:
    channel = CHANNELS[plan.disclosure]
    target = get_settings().resolved_output_dir / FOLDERS[channel] / f"doc-{document_id}"
    with session_scope() as session:
        document = session.get_one(PolicyDocument, document_id)
        if document.status in DONE:
            raise IntegrityError(f"document {document_id} was published by another run meanwhile")
        verify_approvals(session, document_id, plan.version_id)  # nothing changed while rendering
        files = _place(rendered, target)
        today = local_date()
        session.add(
            Publication(
                document_id=document_id,
                version_id=plan.version_id,
                version_sha256=plan.sha256,
                doc_number=doc_number,
                channel=channel,
                redacted=plan.redacted,
                published_on=today,
                files=files,
            )
        )
        action = Action.ISSUE_WITHHELD if channel == Channel.INTERNAL else Action.PUBLISH
        if channel != Channel.INTERNAL:
            document.published_at = utcnow()
        transition(
            session,
            document,
            action,
            actor,
            context={"disclosure": plan.disclosure},
            detail={"doc_number": doc_number, "channel": str(channel), "version_id": plan.version_id},
        )
        _close_disclosure_clock(session, document_id, today)
        _mark_revised(session, document)
    return PublicationRef(document_id, doc_number, channel, {str(f["role"]): str(f["path"]) for f in files})


def _place(rendered: dict[str, Path], target: Path) -> list[dict[str, object]]:
    if target.exists():
        shutil.rmtree(target)  # leftovers of an attempt that failed before it was recorded
    target.mkdir(parents=True)
    placed = []
    for role, source in rendered.items():
        destination = target / source.name
        shutil.copyfile(source, destination)
        data = destination.read_bytes()
        placed.append(
            {"role": role, "path": str(destination), "sha256": sha256_hex(data), "bytes": len(data)}
        )
    return placed


def _close_disclosure_clock(session: Session, document_id: int, today: date) -> None:
    clocks = session.exec(
        select(Deadline).where(
            Deadline.kind == DeadlineKind.PROACTIVE_DISCLOSURE,
            Deadline.subject_id == document_id,
            Deadline.status == DeadlineStatus.OPEN,
        )
    ).all()
    for clock in clocks:
        clock.status, clock.met_on, clock.updated_at = DeadlineStatus.MET, today, utcnow()
        session.add(clock)


def _mark_revised(session: Session, document: PolicyDocument) -> None:
    if document.revises_id is None:
        return
    revised = session.get_one(PolicyDocument, document.revises_id)
    if revised.status in {Status.PUBLISHED, Status.ISSUED}:
        transition(
            session,
            revised,
            Action.MARK_REVISED,
            SYSTEM_ACTOR,
            reason=f"revised by {document.doc_number}",
            detail={"revised_by": document.id},
        )
