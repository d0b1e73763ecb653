"""Intake (受理): run the automated checks on a submitted version, then 退文 or accept it."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from sqlmodel import Session, select

from models.audit import AuditEntry
from models.db import session_scope
from models.documents import DocumentVersion, Interpretation, PolicyDocument
from models.enums import DisclosureBasis, FindingCategory
from models.lifecycle import Action, Status, transition
from models.organisation import SYSTEM_ACTOR, Department, Person
from models.review import Finding
from tasks.checks import CheckReport, check_package
from tasks.packages import InterpretationPlan, LoadedPackage, PackageManifest
from tasks.reading import ExtractedDocument


@dataclass(frozen=True)
class IntakeOutcome:
    """What intake decided: the 退文 reasons (none means accepted) and how many findings go to reviewers."""

    reasons: list[tuple[str, str]]
    findings: dict[str, int]

    @property
    def passed(self) -> bool:
        """Whether the package goes on to the review chain."""
        return not self.reasons


def package_for_version(session: Session, version_id: int) -> LoadedPackage:
    """Rebuild the package a version was submitted as, so the checks see exactly what reviewers will."""
    version = session.get_one(DocumentVersion, version_id)
    document = session.get_one(PolicyDocument, version.document_id)
    interpretation = session.exec(
        select(Interpretation).where(Interpretation.version_id == version_id)
    ).first()
    plan = (
        InterpretationPlan.model_validate(
            {
                "forms": interpretation.forms,
                "channels": interpretation.channels,
                "schedule": interpretation.schedule,
            }
        )
        if interpretation
        else InterpretationPlan()
    )
    manifest = PackageManifest(
        title=version.title,
        kind=document.kind,
        issuing_level=document.issuing_level,
        department=session.get_one(Department, document.department_id).name,
        drafter=session.get_one(Person, document.drafter_id).account,
        disclosure=version.disclosure,
        publication_scope=version.publication_scope,
        disclosure_basis=DisclosureBasis(version.disclosure_basis) if version.disclosure_basis else None,
        disclosure_reason=version.disclosure_reason,
        policy_file=version.source_name or "policy.txt",
        interpretation_file=(interpretation.source_name or "interpretation.txt") if interpretation else None,
        interpretation=plan,
        main_recipients=version.main_recipients,
        copy_to=version.copy_to,
        attachments=version.attachments,
    )
    policy = ExtractedDocument(version.body, "txt", "utf-8", Path(manifest.policy_file))
    material = (
        ExtractedDocument(interpretation.material, "txt", "utf-8", Path(manifest.interpretation_file or ""))
        if interpretation
        else None
    )
    return LoadedPackage(manifest, policy, material, Path("."))


def run_intake_checks(version_id: int) -> IntakeOutcome:
    """Check a version and store its findings for the reviewers (once per version)."""
    with session_scope() as session:
        report = check_package(package_for_version(session, version_id))
        _store_findings(session, version_id, report)
    counts: dict[str, int] = {}
    for item in report.findings:
        counts[str(item.finding.category)] = counts.get(str(item.finding.category), 0) + 1
    return IntakeOutcome([(r.code, r.message) for r in report.reasons], counts)


def _store_findings(session: Session, version_id: int, report: CheckReport) -> None:
    if session.exec(select(Finding.id).where(Finding.version_id == version_id)).first() is not None:
        return  # already stored by an earlier entry of the same run
    session.add_all(
        Finding(
            version_id=version_id,
            target=item.target,
            kind=item.finding.kind,
            category=FindingCategory(item.finding.category),
            start=item.finding.start,
            end=item.finding.end,
            text=item.finding.text,
            suggestion=item.finding.suggestion,
        )
        for item in report.findings
    )


def return_package(document_id: int, version_id: int, reasons: list[tuple[str, str]]) -> None:
    """退文: send the package back to the drafter with every reason (once)."""
    with session_scope() as session:
        document = session.get_one(PolicyDocument, document_id)
        if document.status != Status.SUBMITTED:
            return  # an earlier entry of this run already returned it
        transition(
            session,
            document,
            Action.RETURN,
            SYSTEM_ACTOR,
            reason="；".join(m for _, m in reasons),
            detail={"version_id": version_id, "reasons": [{"code": c, "message": m} for c, m in reasons]},
        )


def accept_package(document_id: int, version_id: int) -> None:
    """受理: the checks passed; the review chain starts (once)."""
    with session_scope() as session:
        document = session.get_one(PolicyDocument, document_id)
        if document.status == Status.SUBMITTED:
            transition(session, document, Action.ACCEPT, SYSTEM_ACTOR, detail={"version_id": version_id})


def returned_reasons(run_id: str) -> list[str]:
    """The 退文 reasons recorded for the version a submit-policy run recorded."""
    with session_scope() as session:
        version = session.exec(
            select(DocumentVersion).where(DocumentVersion.submission_run_id == run_id)
        ).first()
        if version is None:
            return []
        rows = session.exec(
            select(AuditEntry).where(
                AuditEntry.action == "document.return", AuditEntry.subject_id == str(version.document_id)
            )
        ).all()
    for row in rows:
        if row.detail.get("version_id") == version.id:
            return [reason["message"] for reason in row.detail.get("reasons", [])]
    return []
