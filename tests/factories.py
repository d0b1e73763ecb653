"""Plain factory functions for test data: saved rows, and packages built from the demo."""

from __future__ import annotations

import uuid
from dataclasses import replace
from datetime import date
from pathlib import Path
from typing import Any

from sqlmodel import Session

from models.db import session_scope
from models.documents import PolicyDocument
from models.enums import AttemptOutcome, Disclosure, DocumentKind, FindingCategory, IssuingLevel
from models.lifecycle import Status, create_document
from models.organisation import Actor
from models.review import Finding
from tasks.approvals import ReviewAnswer, decide, sign
from tasks.intake import accept_package, run_intake_checks
from tasks.organisation import (
    DEMO_ORGANISATION,
    DEMO_SECRET,
    actor_for,
    department_by_name,
    load_organisation,
    person_by_account,
    read_organisation,
)
from tasks.packages import LoadedPackage, load_package, parse_manifest
from tasks.rendering.builder import IssuingOrgans, document_context_from_package, interpretation_context
from tasks.rendering.context import BodyBlock, InterpretationContext, OfficialDocumentContext, PortalEntry
from tasks.review import chain_for, eligible_reviewers, open_step, step_view
from tasks.submission import SubmissionForm, SubmissionRef, record_submission


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


def demo_form(**changes: object) -> SubmissionForm:
    """The demo package as a Run form, texts inline; ``changes`` override fields."""
    manifest = parse_manifest(DEMO_PACKAGE.read_text(encoding="utf-8"))
    data = manifest.model_dump(mode="json") | {
        "policy_file": "",
        "interpretation_file": None,
        "policy_text": (DEMO_PACKAGE.parent / "policy.txt").read_text(encoding="utf-8"),
        "interpretation_text": (DEMO_PACKAGE.parent / "interpretation.md").read_text(encoding="utf-8"),
    }
    return SubmissionForm.model_validate(data | changes)


def submitted(form: SubmissionForm | None = None, run_id: str | None = None) -> SubmissionRef:
    """A recorded submission (已报送) of the demo package or ``form``."""
    return record_submission(form or demo_form(), run_id or f"test-run-{uuid.uuid4().hex[:8]}")


def in_review(form: SubmissionForm | None = None) -> SubmissionRef:
    """A submission accepted into the review chain (审核中)."""
    ref = submitted(form)
    accept_package(ref.document_id, ref.version_id)
    return ref


def answer(
    account: str,
    decision: str = "同意",
    secret: str = DEMO_SECRET,
    comment: str = "",
    findings: dict[int, str] | None = None,
) -> ReviewAnswer:
    """A reviewer's answer as the Resume form would carry it."""
    return ReviewAnswer.model_validate(
        {
            "decision": decision,
            "account": account,
            "secret": secret,
            "comment": comment,
            "findings": findings or {},
        }
    )


def add_finding(
    version_id: int, category: FindingCategory, text: str = "张三", kind: str = "person_name"
) -> int:
    """A finding stored for a version as the intake checks would store it."""
    with session_scope() as session:
        finding = Finding(
            version_id=version_id,
            kind=kind,
            category=category,
            start=0,
            end=len(text),
            text=text,
            suggestion="张某",
        )
        session.add(finding)
        session.flush()
        return finding.id or 0


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


def checked_in_review(form: SubmissionForm | None = None) -> SubmissionRef:
    """A submission that passed the real intake checks (findings stored) and entered the review chain."""
    ref = submitted(form)
    outcome = run_intake_checks(ref.version_id)
    assert outcome.passed, outcome.reasons
    accept_package(ref.document_id, ref.version_id)
    return ref


def approve_all(ref: SubmissionRef) -> list[int]:
    """Every step of the chain approved by an eligible reviewer, findings cleared; the step ids."""
    with session_scope() as session:
        specs = chain_for(session, ref.version_id)
    step_ids = []
    for spec in specs:
        step_id = open_step(ref.document_id, ref.version_id, spec, "test-run")
        cleared = {f.id: "cleared" for f in step_view(step_id).findings_to_decide}
        result = decide(step_id, f"key-{step_id}", answer(eligible_reviewers(step_id)[0], findings=cleared))
        assert result.outcome == AttemptOutcome.APPROVED, result.reason
        step_ids.append(step_id)
    return step_ids


def signed(form: SubmissionForm | None = None) -> SubmissionRef:
    """A document checked, approved at every step and signed (已签发)."""
    ref = checked_in_review(form)
    sign(ref.document_id, ref.version_id, approve_all(ref)[-1])
    return ref


def grant_role(account: str, role: str) -> None:
    """Give a demo person one more role (e.g. the drafter also a department head)."""
    org = read_organisation(DEMO_ORGANISATION)
    for person in org.people:
        if person.account == account:
            person.roles.append(role)
    with session_scope() as session:
        load_organisation(session, org, "admin")
