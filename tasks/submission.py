"""Recording a submission: the document, its new version and interpretation, and the move to 已报送."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from pydantic import Field, model_validator
from sqlmodel import Session, col, select

from models.base import sha256_hex
from models.db import session_scope
from models.documents import (
    DocumentVersion,
    Interpretation,
    PolicyDocument,
    interpretation_digest,
    package_digest,
)
from models.enums import Role, StepStatus
from models.errors import InvalidInput, NotFound
from models.lifecycle import Action, Status, create_document, transition
from models.review import ReviewStep
from models.settings import get_settings
from tasks.organisation import actor_for, department_by_name
from tasks.packages import PackageManifest
from tasks.reading import read_document


class SubmissionForm(PackageManifest):
    """报送: the Run form of submit-policy. Give each text inline, or a file name in the inbox."""

    policy_file: str = Field(default="", title="政策文件（收件目录中的文件名）")
    policy_text: str = Field(default="", title="政策文件正文（或直接粘贴）")
    interpretation_text: str = Field(default="", title="解读材料正文（或直接粘贴）")
    resubmits: int | None = Field(default=None, title="重新报送的文件编号（退文后修改再报）")

    @model_validator(mode="after")
    def _policy_given(self) -> SubmissionForm:
        if not (self.policy_text.strip() or self.policy_file):
            raise ValueError("give the policy either as policy_text or as policy_file (a file in the inbox)")
        return self


@dataclass(frozen=True)
class SubmissionRef:
    """What a submission recorded: ids and the version hash approvals will bind to."""

    document_id: int
    version_id: int
    version_number: int
    sha256: str


def resolve_texts(form: SubmissionForm, inbox: Path | None = None) -> tuple[str, str | None]:
    """The policy and interpretation texts, inline or read from the inbox."""
    inbox = inbox or get_settings().resolved_inbox_dir
    policy = form.policy_text or read_document(_inside(inbox, form.policy_file)).text
    if form.interpretation_text.strip():
        return policy, form.interpretation_text
    if form.interpretation_file:
        return policy, read_document(_inside(inbox, form.interpretation_file)).text
    return policy, None


def _inside(inbox: Path, name: str) -> Path:
    path = (inbox / name).resolve()
    if not path.is_relative_to(inbox.resolve()):
        raise InvalidInput(
            f"{name!r} is outside the inbox {inbox}", "Name a file inside the inbox directory."
        )
    return path


def record_submission(form: SubmissionForm, run_id: str) -> SubmissionRef:
    """Store the submission as a new version and move the document to 已报送; once per run."""
    with session_scope() as session:
        existing = session.exec(
            select(DocumentVersion).where(DocumentVersion.submission_run_id == run_id)
        ).first()
        if existing is not None:
            return SubmissionRef(existing.document_id, existing.id or 0, existing.number, existing.sha256)
        policy, interpretation = resolve_texts(form)
        document = _document_for(session, form)
        version = _add_version(session, document, form, policy, interpretation, run_id)
        _void_earlier_steps(session, document.id or 0, version.id or 0)
        transition(
            session,
            document,
            Action.SUBMIT,
            actor_for(session, form.drafter),
            reason=f"version {version.number}",
        )
        return SubmissionRef(document.id or 0, version.id or 0, version.number, version.sha256)


def _document_for(session: Session, form: SubmissionForm) -> PolicyDocument:
    drafter = actor_for(session, form.drafter)
    if Role.DRAFTER not in drafter.roles:
        raise InvalidInput(
            f"{form.drafter} does not hold the 起草人 (drafter) role",
            "Submit under the account of the drafting clerk.",
        )
    department = department_by_name(session, form.department)
    if form.resubmits is None:
        document = PolicyDocument(
            kind=form.kind,
            issuing_level=form.issuing_level,
            department_id=department.id or 0,
            drafter_id=drafter.person_id or 0,
            revises_id=_revised_id(session, form.revises),
        )
        return create_document(session, document, drafter)
    returned = session.get(PolicyDocument, form.resubmits)
    if returned is None:
        raise NotFound(
            f"no document {form.resubmits} to resubmit", "Run `policyflow status` to see documents."
        )
    if returned.status != Status.RETURNED:
        raise InvalidInput(
            f"document {returned.id} is {returned.status.label}, not 已退文; "
            "only a returned document can be resubmitted"
        )
    returned.kind, returned.issuing_level = form.kind, form.issuing_level
    return returned


def _revised_id(session: Session, doc_number: str | None) -> int | None:
    if not doc_number:
        return None
    revised = session.exec(select(PolicyDocument).where(PolicyDocument.doc_number == doc_number)).first()
    if revised is None:
        raise NotFound(f"no published document with 文号 {doc_number} to revise")
    return revised.id


def _add_version(
    session: Session,
    document: PolicyDocument,
    form: SubmissionForm,
    policy: str,
    interpretation: str | None,
    run_id: str,
) -> DocumentVersion:
    numbers = session.exec(
        select(DocumentVersion.number).where(DocumentVersion.document_id == document.id)
    ).all()
    version = DocumentVersion(
        document_id=document.id or 0,
        number=max(numbers, default=0) + 1,
        title=form.title,
        body=policy,
        body_sha256=sha256_hex(policy),
        disclosure=form.disclosure,
        disclosure_basis=str(form.disclosure_basis or ""),
        disclosure_reason=form.disclosure_reason,
        publication_scope=form.publication_scope,
        sha256="",
        author_id=actor_for(session, form.drafter).person_id or 0,
        source_name=form.policy_file,
        submission_run_id=run_id,
        main_recipients=form.main_recipients,
        copy_to=form.copy_to,
        attachments=form.attachments,
    )
    session.add(version)
    session.flush()
    digest = None
    if interpretation is not None:
        plan = form.interpretation
        forms = [str(f) for f in plan.forms]
        digest = interpretation_digest(interpretation, forms, plan.channels, plan.schedule)
        session.add(
            Interpretation(
                version_id=version.id or 0,
                forms=forms,
                channels=plan.channels,
                schedule=plan.schedule,
                material=interpretation,
                sha256=digest,
                source_name=form.interpretation_file or "",
            )
        )
    version.sha256 = package_digest(version, document.kind, digest)
    session.add(version)
    session.flush()
    return version


def _void_earlier_steps(session: Session, document_id: int, version_id: int) -> None:
    # A new version voids every approval given to an earlier one (approvals bind to bytes).
    steps = session.exec(
        select(ReviewStep).where(
            ReviewStep.document_id == document_id,
            col(ReviewStep.version_id) != version_id,
            col(ReviewStep.status) != StepStatus.VOID,
        )
    ).all()
    for step in steps:
        step.status = StepStatus.VOID
        session.add(step)
