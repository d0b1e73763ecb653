"""The review chain: which steps a document needs, opening them, and what a reviewer is shown."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime

from sqlmodel import Session, col, select

from models.audit import append_audit
from models.base import local_date
from models.db import session_scope
from models.documents import DocumentVersion, PolicyDocument
from models.enums import (
    DeadlineKind,
    FindingCategory,
    FindingResolution,
    PublicationScope,
    ReviewStage,
    Role,
    StepStatus,
)
from models.organisation import Department, Person, PersonRole
from models.review import Finding, ReviewAttempt, ReviewStep
from models.settings import get_settings
from tasks.deadlines import open_deadline

SECRECY_ROLES = (Role.HANDLER, Role.DEPARTMENT_HEAD, Role.SECRECY_OFFICER)  # 承办人 → 部门负责人 → 保密审查员
DEPARTMENT_ROLES = {Role.HANDLER, Role.DEPARTMENT_HEAD}  # these must belong to the drafting department


@dataclass(frozen=True)
class StepSpec:
    """One step of a chain before it is opened."""

    stage: ReviewStage
    level: int
    role: Role
    department_id: int | None


def chain_for(session: Session, version_id: int) -> list[StepSpec]:
    """The steps a version needs, in order, from the document's kind and the configured chain."""
    settings = get_settings()
    version = session.get_one(DocumentVersion, version_id)
    document = session.get_one(PolicyDocument, version.document_id)

    def spec(stage: ReviewStage, role: Role, level: int = 1) -> StepSpec:
        return StepSpec(stage, level, role, document.department_id if role in DEPARTMENT_ROLES else None)

    chain = [spec(ReviewStage.DEPARTMENT_HEAD, Role.DEPARTMENT_HEAD)]  # 同步审签: policy and interpretation
    if (
        findings_of(session, version_id, FindingCategory.PRIVACY)
        or version.publication_scope == PublicationScope.REDACTED
    ):
        chain.append(spec(ReviewStage.PRIVACY, Role.HANDLER))
    if document.kind in settings.legality_review_kinds:
        chain.append(spec(ReviewStage.LEGALITY, Role.LEGAL_REVIEWER))
    roles = SECRECY_ROLES[-settings.secrecy_review_levels :]
    chain.extend(spec(ReviewStage.SECRECY, role, level) for level, role in enumerate(roles, 1))
    chain.append(spec(ReviewStage.SIGN_OFF, Role.SIGNER))
    return chain


def open_step(document_id: int, version_id: int, spec: StepSpec, run_id: str) -> int:
    """The step for this version and position, opened (with its working-day clock) if it is new."""
    with session_scope() as session:
        existing = session.exec(
            select(ReviewStep).where(
                ReviewStep.version_id == version_id,
                ReviewStep.stage == spec.stage,
                ReviewStep.level == spec.level,
                col(ReviewStep.status) != StepStatus.VOID,
            )
        ).first()
        if existing is not None:
            return existing.id or 0
        step = ReviewStep(
            document_id=document_id,
            version_id=version_id,
            stage=spec.stage,
            level=spec.level,
            required_role=spec.role,
            department_id=spec.department_id,
            flow_run_id=run_id,
        )
        session.add(step)
        session.flush()
        open_deadline(
            session,
            kind=DeadlineKind.REVIEW_WAIT,
            subject_type="review_step",
            subject_id=step.id or 0,
            start=local_date(step.opened_at),
            working_days=get_settings().review_overdue_working_days,
            description=f"{spec.stage.label} document {document_id}",
        )
        append_audit(
            session,
            actor="system",
            action="review.open",
            subject_type="review_step",
            subject_id=step.id,
            detail={
                "document_id": document_id,
                "version_id": version_id,
                "stage": str(spec.stage),
                "level": spec.level,
                "role": str(spec.role),
            },
        )
        return step.id or 0


@dataclass(frozen=True)
class FindingView:
    """A finding as a reviewer sees it."""

    id: int
    target: str
    kind: str
    category: str
    text: str
    suggestion: str
    resolution: FindingResolution


@dataclass(frozen=True)
class StepView:
    """Everything a gate shows and needs: the step, its document and version, findings, past attempts."""

    step_id: int
    document_id: int
    title: str
    stage: ReviewStage
    level: int
    levels: int
    role: Role
    department: str
    status: StepStatus
    version_number: int
    sha256: str
    opened_at: datetime
    attempts: int
    last_refusal: str
    findings_to_decide: list[FindingView] = field(default_factory=list)
    findings_decided: list[FindingView] = field(default_factory=list)


def step_view(step_id: int) -> StepView:
    """The current state of a step, read fresh from the database."""
    with session_scope() as session:
        step = session.get_one(ReviewStep, step_id)
        version = session.get_one(DocumentVersion, step.version_id)
        attempts = session.exec(
            select(ReviewAttempt).where(ReviewAttempt.step_id == step_id).order_by(col(ReviewAttempt.id))
        ).all()
        refusals = [a.reason for a in attempts if a.outcome == "refused"]
        relevant = [_view(f) for f in findings_of(session, version.id or 0, *categories_decided_at(step))]
        levels = len(
            session.exec(
                select(ReviewStep.id).where(
                    ReviewStep.version_id == version.id, ReviewStep.stage == step.stage
                )
            ).all()
        )
        department = session.get(Department, step.department_id) if step.department_id else None
        return StepView(
            step_id=step_id,
            document_id=step.document_id,
            title=version.title,
            stage=step.stage,
            level=step.level,
            levels=levels,
            role=step.required_role,
            department=department.name if department else "",
            status=step.status,
            version_number=version.number,
            sha256=version.sha256,
            opened_at=step.opened_at,
            attempts=len(attempts),
            last_refusal=refusals[-1] if refusals else "",
            findings_to_decide=[f for f in relevant if f.resolution == FindingResolution.OPEN],
            findings_decided=[f for f in relevant if f.resolution != FindingResolution.OPEN],
        )


def categories_decided_at(step: ReviewStep) -> tuple[FindingCategory, ...]:
    # Personal data is decided at the privacy step; secrecy findings at the first 保密审查 level.
    if step.stage == ReviewStage.PRIVACY:
        return (FindingCategory.PRIVACY,)
    if step.stage == ReviewStage.SECRECY:
        return (FindingCategory.SECRECY,)
    return ()


def findings_of(session: Session, version_id: int, *categories: FindingCategory) -> list[Finding]:
    if not categories:
        return []
    query = select(Finding).where(Finding.version_id == version_id, col(Finding.category).in_(categories))
    return list(session.exec(query.order_by(col(Finding.id))).all())


def _view(finding: Finding) -> FindingView:
    return FindingView(
        finding.id or 0,
        finding.target,
        finding.kind,
        str(finding.category),
        finding.text,
        finding.suggestion,
        finding.resolution,
    )


def eligible_reviewers(step_id: int) -> list[str]:
    """Accounts that may decide a step: the role, the department when scoped, never the drafter."""
    with session_scope() as session:
        return reviewers_for(session, session.get_one(ReviewStep, step_id))


def reviewers_for(session: Session, step: ReviewStep) -> list[str]:
    """``eligible_reviewers`` inside a session the caller already holds."""
    document = session.get_one(PolicyDocument, step.document_id)
    query = (
        select(Person)
        .join(PersonRole, col(PersonRole.person_id) == Person.id)
        .where(
            PersonRole.role == step.required_role,
            col(Person.active).is_(True),
            Person.id != document.drafter_id,
        )
    )
    if step.department_id is not None:
        query = query.where(Person.department_id == step.department_id)
    return [person.account for person in session.exec(query.order_by(col(Person.account))).all()]
