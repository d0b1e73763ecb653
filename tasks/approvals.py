"""Review decisions: who may decide, recording each answer once, and the byte-bound check before signing."""

from __future__ import annotations

from dataclasses import dataclass

from pydantic import BaseModel, SecretStr
from sqlmodel import Session, col, select

from models.audit import append_audit
from models.base import local_date, sha256_hex, utcnow
from models.db import session_scope
from models.deadlines import Deadline
from models.documents import (
    DocumentVersion,
    Interpretation,
    PolicyDocument,
    interpretation_digest,
    package_digest,
)
from models.enums import (
    AttemptOutcome,
    DeadlineKind,
    DeadlineStatus,
    Decision,
    Disclosure,
    FindingResolution,
    StepStatus,
)
from models.errors import ApprovalRefused, IntegrityError, NotFound
from models.lifecycle import Action, Status, transition
from models.organisation import Actor, Person, secret_matches
from models.review import Finding, ReviewAttempt, ReviewStep
from models.settings import get_settings
from tasks.deadlines import open_deadline
from tasks.organisation import actor_for
from tasks.review import categories_decided_at, findings_of


class ReviewAnswer(BaseModel):
    """A reviewer's answer at one step, however it arrived (Prefect UI, CLI, script)."""

    decision: Decision
    account: str
    secret: SecretStr
    comment: str = ""
    findings: dict[int, FindingResolution] = {}


@dataclass(frozen=True)
class AttemptResult:
    """What became of one answer."""

    outcome: AttemptOutcome
    reason: str = ""


def decide(step_id: int, input_key: str, answer: ReviewAnswer) -> AttemptResult:
    """Apply an answer to a waiting step, once per input key; a refusal is recorded and the step waits on."""
    with session_scope() as session:
        done = session.exec(
            select(ReviewAttempt).where(
                ReviewAttempt.step_id == step_id, ReviewAttempt.input_key == input_key
            )
        ).first()
        if done is not None:
            return AttemptResult(done.outcome, done.reason)
        step = session.get_one(ReviewStep, step_id)
        try:
            reviewer = authorise(session, step, answer)
            open_findings = _open_findings(session, step, answer)
        except (ApprovalRefused, NotFound) as exc:
            return _record(session, step, input_key, answer.account, AttemptOutcome.REFUSED, exc.message)
        _resolve_findings(session, open_findings, answer, reviewer)
        if answer.decision == Decision.APPROVE:
            _approve(session, step, answer, reviewer)
            return _record(session, step, input_key, reviewer.account, AttemptOutcome.APPROVED)
        _send_back(session, step, answer, reviewer)
        return _record(session, step, input_key, reviewer.account, AttemptOutcome.RETURNED, answer.comment)


def recorded_keys(input_keys: set[str]) -> set[str]:
    """Which of these Resume input keys already have their answer recorded."""
    if not input_keys:
        return set()
    with session_scope() as session:
        query = select(ReviewAttempt.input_key).where(col(ReviewAttempt.input_key).in_(input_keys))
        return set(session.exec(query).all())


def authorise(session: Session, step: ReviewStep, answer: ReviewAnswer) -> Actor:
    """The reviewer, if the account exists, the secret matches and they may decide this step; else refused."""
    if step.status != StepStatus.WAITING:
        raise ApprovalRefused(f"this step is {step.status}, no longer waiting for a decision")
    person = session.exec(select(Person).where(Person.account == answer.account.strip())).first()
    if person is None or not person.active:
        raise ApprovalRefused(f"unknown or inactive account {answer.account!r}")
    if not secret_matches(answer.secret.get_secret_value(), person.secret_hash):
        raise ApprovalRefused(f"the approval secret for {person.account} does not match")
    reviewer = actor_for(session, person.account)
    if step.required_role not in reviewer.roles:
        raise ApprovalRefused(
            f"{person.account} does not hold the role {step.required_role.label} this step needs"
        )
    if step.department_id is not None and person.department_id != step.department_id:
        raise ApprovalRefused(f"{person.account} is not in the drafting department, which this step requires")
    document = session.get_one(PolicyDocument, step.document_id)
    version = session.get_one(DocumentVersion, step.version_id)
    if person.id in (document.drafter_id, version.author_id):
        raise ApprovalRefused(f"{person.account} drafted this document and may not review it (四眼原则)")
    return reviewer


def _open_findings(session: Session, step: ReviewStep, answer: ReviewAnswer) -> list[Finding]:
    findings = [
        f
        for f in findings_of(session, step.version_id, *categories_decided_at(step))
        if f.resolution == FindingResolution.OPEN
    ]
    missing = [f.id for f in findings if answer.findings.get(f.id or 0) in (None, FindingResolution.OPEN)]
    if missing:
        raise ApprovalRefused(f"decide every finding (cleared or must fix); undecided: {missing}")
    must_fix = [f.id for f in findings if answer.findings[f.id or 0] == FindingResolution.MUST_FIX]
    if must_fix and answer.decision == Decision.APPROVE:
        raise ApprovalRefused(
            f"findings {must_fix} are marked must fix: choose 退回修改, or clear them to approve"
        )
    if answer.decision == Decision.RETURN and not answer.comment.strip():
        raise ApprovalRefused("退回修改 needs a comment telling the drafter what to change")
    return findings


def _resolve_findings(
    session: Session, findings: list[Finding], answer: ReviewAnswer, reviewer: Actor
) -> None:
    for finding in findings:
        finding.resolution = answer.findings[finding.id or 0]
        finding.resolved_by_id, finding.resolved_at = reviewer.person_id, utcnow()
        session.add(finding)


def _approve(session: Session, step: ReviewStep, answer: ReviewAnswer, reviewer: Actor) -> None:
    version = session.get_one(DocumentVersion, step.version_id)
    _close(session, step, StepStatus.APPROVED, answer, reviewer, version.sha256)
    append_audit(
        session,
        actor=reviewer.account,
        action="review.approved",
        subject_type="review_step",
        subject_id=step.id,
        detail={
            "stage": str(step.stage),
            "level": step.level,
            "sha256": version.sha256,
            "comment": answer.comment,
        },
    )


def _send_back(session: Session, step: ReviewStep, answer: ReviewAnswer, reviewer: Actor) -> None:
    version = session.get_one(DocumentVersion, step.version_id)
    _close(session, step, StepStatus.RETURNED, answer, reviewer, version.sha256)
    document = session.get_one(PolicyDocument, step.document_id)
    transition(
        session,
        document,
        Action.SEND_BACK,
        reviewer,
        reason=answer.comment,
        detail={"step_id": step.id, "stage": str(step.stage), "version_id": version.id},
    )


def _close(
    session: Session, step: ReviewStep, status: StepStatus, answer: ReviewAnswer, reviewer: Actor, sha256: str
) -> None:
    step.status, step.decision, step.comment = status, answer.decision, answer.comment
    step.reviewer_id, step.reviewed_sha256, step.decided_at = reviewer.person_id, sha256, utcnow()
    session.add(step)
    clock = session.exec(
        select(Deadline).where(Deadline.kind == DeadlineKind.REVIEW_WAIT, Deadline.subject_id == step.id)
    ).first()
    if clock is not None:
        clock.status, clock.met_on, clock.updated_at = DeadlineStatus.MET, local_date(), utcnow()
        session.add(clock)


def _record(
    session: Session, step: ReviewStep, key: str, account: str, outcome: AttemptOutcome, reason: str = ""
) -> AttemptResult:
    session.add(
        ReviewAttempt(step_id=step.id or 0, input_key=key, account=account, outcome=outcome, reason=reason)
    )
    if outcome == AttemptOutcome.REFUSED:
        append_audit(
            session,
            actor=account or "unknown",
            action="review.refused",
            subject_type="review_step",
            subject_id=step.id,
            detail={"reason": reason},
        )
    return AttemptResult(outcome, reason)


def verify_approvals(session: Session, document_id: int, version_id: int) -> list[ReviewStep]:
    """Every step of this version approved against its exact bytes; IntegrityError names any mismatch."""

    version = session.get_one(DocumentVersion, version_id)
    document = session.get_one(PolicyDocument, document_id)
    interpretation = session.exec(
        select(Interpretation).where(Interpretation.version_id == version_id)
    ).first()
    digest = None
    if interpretation is not None:
        digest = interpretation_digest(
            interpretation.material, interpretation.forms, interpretation.channels, interpretation.schedule
        )
    if (
        sha256_hex(version.body) != version.body_sha256
        or package_digest(version, document.kind, digest) != version.sha256
    ):
        raise IntegrityError(
            f"version {version.number} of document {document_id} no longer matches its hash",
            "Its text was changed after submission; the approvals do not cover it.",
        )
    steps = session.exec(
        select(ReviewStep).where(
            ReviewStep.version_id == version_id, col(ReviewStep.status) != StepStatus.VOID
        )
    ).all()
    unbound = [s.id for s in steps if s.status != StepStatus.APPROVED or s.reviewed_sha256 != version.sha256]
    if not steps or unbound:
        raise IntegrityError(
            f"document {document_id}: steps {unbound} are not approved for version "
            f"{version.number} ({version.sha256[:12]})"
        )
    return list(steps)


def sign(document_id: int, version_id: int, signing_step_id: int) -> None:
    """签发: once every approval matches the version's bytes, the signer's approval signs the document."""
    with session_scope() as session:
        document = session.get_one(PolicyDocument, document_id)
        if document.status != Status.IN_REVIEW:
            return  # already signed by an earlier entry of this run
        verify_approvals(session, document_id, version_id)
        step = session.get_one(ReviewStep, signing_step_id)
        signer = actor_for(session, session.get_one(Person, step.reviewer_id).account)
        document.signed_on = local_date(step.decided_at)
        _open_disclosure_clock(session, document, version_id)
        transition(
            session,
            document,
            Action.SIGN,
            signer,
            detail={"version_id": version_id, "signed_on": document.signed_on.isoformat()},
        )


def _open_disclosure_clock(session: Session, document: PolicyDocument, version_id: int) -> None:
    # 条例 Art. 26: proactive information is published within 20 working days of being formed (成文日期).
    version = session.get_one(DocumentVersion, version_id)
    if version.disclosure != Disclosure.PROACTIVE or document.signed_on is None:
        return
    open_deadline(
        session,
        kind=DeadlineKind.PROACTIVE_DISCLOSURE,
        subject_type="document",
        subject_id=document.id or 0,
        start=document.signed_on,
        working_days=get_settings().proactive_disclosure_working_days,
        description=f"主动公开 {version.title}",
    )
