"""Typed contexts for the Markdown a reviewer reads, built from the review state."""

from __future__ import annotations

from pydantic import BaseModel
from sqlmodel import select

from models.db import session_scope
from models.documents import DocumentVersion, Interpretation
from models.enums import FindingCategory
from models.review import Finding
from tasks.intake import IntakeOutcome
from tasks.markdown import escape_markdown, render_markdown
from tasks.review import FindingView, StepView
from tasks.submission import SubmissionRef

CATEGORY_LABELS = {
    FindingCategory.PRIVACY: "个人信息",
    FindingCategory.SECRECY: "保密",
    FindingCategory.WORDING: "错敏词",
    FindingCategory.FORMAT: "格式",
}
TARGET_LABELS = {"policy": "政策文件", "interpretation": "解读材料"}


class FindingLine(BaseModel):
    """One finding as a table row."""

    id: int
    where: str
    category: str
    kind: str
    text: str
    suggestion: str
    resolution: str


class ReviewStepContext(BaseModel):
    """templates/markdown/review_step.md.j2: the Resume form's description."""

    title: str
    document_id: int
    stage: str
    level: int
    levels: int
    role: str
    department: str
    version_number: int
    sha256: str
    last_refusal: str
    to_decide: list[FindingLine]
    decided: list[FindingLine]


class IntakeReturnContext(BaseModel):
    """templates/markdown/intake_returned.md.j2: why a package was returned (退文)."""

    title: str
    document_id: int
    version_number: int
    reasons: list[str]


class PackageContext(BaseModel):
    """templates/markdown/package.md.j2: the policy and its interpretation as reviewers read them."""

    title: str
    document_id: int
    version_number: int
    sha256: str
    disclosure: str
    policy: str
    interpretation: str


def finding_line(finding: FindingView) -> FindingLine:
    """A finding as shown to a reviewer."""
    return FindingLine(
        id=finding.id,
        where=TARGET_LABELS.get(finding.target, finding.target),
        category=CATEGORY_LABELS.get(FindingCategory(finding.category), finding.category),
        kind=finding.kind,
        text=finding.text,
        suggestion=finding.suggestion,
        resolution=str(finding.resolution),
    )


def review_step_markdown(view: StepView) -> str:
    """What the reviewer reads above the Resume form."""
    return render_markdown(
        "review_step.md.j2",
        ReviewStepContext(
            title=view.title,
            document_id=view.document_id,
            stage=view.stage.label,
            level=view.level,
            levels=view.levels,
            role=view.role.label,
            department=view.department,
            version_number=view.version_number,
            sha256=view.sha256,
            last_refusal=view.last_refusal,
            to_decide=[finding_line(f) for f in view.findings_to_decide],
            decided=[finding_line(f) for f in view.findings_decided],
        ),
    )


def returned_markdown(ref: SubmissionRef, outcome: IntakeOutcome) -> str:
    """The 退文 artifact: every reason, numbered."""
    with session_scope() as session:
        title = session.get_one(DocumentVersion, ref.version_id).title
    return render_markdown(
        "intake_returned.md.j2",
        IntakeReturnContext(
            title=title,
            document_id=ref.document_id,
            version_number=ref.version_number,
            reasons=[message for _, message in outcome.reasons],
        ),
    )


def package_markdown(ref: SubmissionRef) -> tuple[str, list[dict[str, object]]]:
    """The package as reviewers read it, and its findings as table rows."""
    with session_scope() as session:
        version = session.get_one(DocumentVersion, ref.version_id)
        interpretation = session.exec(
            select(Interpretation).where(Interpretation.version_id == version.id)
        ).first()
        findings = session.exec(select(Finding).where(Finding.version_id == version.id)).all()
        rows = [
            finding_line(
                FindingView(f.id or 0, f.target, f.kind, str(f.category), f.text, f.suggestion, f.resolution)
            ).model_dump()
            for f in findings
        ]
        markdown = render_markdown(
            "package.md.j2",
            PackageContext(
                title=version.title,
                document_id=ref.document_id,
                version_number=version.number,
                sha256=version.sha256,
                disclosure=str(version.disclosure or "（未标注）"),
                policy=_paragraphs(version.body),
                interpretation=_paragraphs(interpretation.material) if interpretation else "（未附解读）",
            ),
        )
    return markdown, rows


def _paragraphs(text: str) -> str:
    return "\n\n".join(escape_markdown(line) for line in text.splitlines() if line.strip())
