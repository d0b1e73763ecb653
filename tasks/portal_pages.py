"""What each page of the 政府信息公开 portal shows (one typed context per HTML template), and entry views."""

from __future__ import annotations

import hashlib
import shutil
from pathlib import Path

from pydantic import BaseModel, ConfigDict

from models.enums import DocumentKind, Validity
from models.errors import InvalidInput
from tasks.rendering.context import (
    BodyBlock,
    InterpretationSection,
    PortalEntry,
    PortalReport,
    PortalSite,
    chinese_date,
)

KIND_SLUGS = {
    DocumentKind.NORMATIVE: "normative",
    DocumentKind.POLICY: "policy",
    DocumentKind.MAJOR_DECISION: "major-decision",
    DocumentKind.OTHER: "other",
}


def department_slug(name: str) -> str:
    """A stable ASCII file name for a department's listing."""
    return "d-" + hashlib.sha1(name.encode()).hexdigest()[:10]


class _View(BaseModel):
    model_config = ConfigDict(frozen=True)


class Link(_View):
    """A labelled link, ``href`` relative to the site root."""

    label: str
    href: str
    count: int = 0


class Navigation(_View):
    """The side navigation every page carries: 按年度, 按发布机构, 按文件类型, 依申请公开目录."""

    years: list[Link]
    departments: list[Link]
    kinds: list[Link]


class ReportView(_View):
    """A feedback or evaluation report as shown on a policy page."""

    title: str
    published_on: str
    summary: str
    href: str | None


class EntryView(_View):
    """A proactively published policy, formatted for display."""

    slug: str
    title: str
    doc_number: str
    department: str
    kind: str
    signed_on: str
    published_on: str
    disclosure: str
    publication_scope: str
    validity: str
    in_force: bool
    href: str
    interpretation_href: str | None
    downloads: list[Link]
    interpretation_downloads: list[Link]
    feedback_report: ReportView | None
    evaluation_report: ReportView | None


class CatalogueRow(_View):
    """An entry of the 依申请公开目录: registered, but its text is given only on application."""

    title: str
    doc_number: str
    department: str
    kind: str
    signed_on: str


class Page(_View):
    """Fields of the shared layout (base.html)."""

    site: PortalSite
    page_title: str
    root: str  # relative path from this page to the site root: "" or "../"
    nav: Navigation


class IndexPage(Page):
    """index.html: the newest policies and the ways into the listings."""

    latest: list[EntryView]
    total: int
    on_request_count: int


class ListingPage(Page):
    """A listing by year, department or kind (listing.html)."""

    heading: str
    entries: list[EntryView]


class PolicyPage(Page):
    """policy.html: one policy with its attributes, text, downloads, interpretation and reports."""

    entry: EntryView
    body: list[BodyBlock]
    enclosure_title: str
    enclosure: list[BodyBlock]
    main_recipients: str
    signer: str
    annotation: str


class InterpretationPage(Page):
    """interpretation.html: the 解读 of one policy, linked back to it."""

    entry: EntryView
    title: str
    organ: str
    sections: list[InterpretationSection]


class OnRequestPage(Page):
    """on-request.html: the 依申请公开目录 and how to apply."""

    rows: list[CatalogueRow]


def entry_view(root: Path, entry: PortalEntry) -> EntryView:
    """Copy an entry's downloads into files/<slug>/ under fixed names, and describe the entry."""
    files = entry.files
    named = {
        "policy.pdf": files.policy_pdf,
        "policy.docx": files.policy_docx,
        "interpretation.pdf": files.interpretation_pdf,
        "interpretation.docx": files.interpretation_docx,
    }
    hrefs: dict[str, str] = {}
    for name, source in named.items():
        if source is not None:
            hrefs[name] = _copy(root, entry.slug, name, source)
    document = entry.document
    return EntryView(
        slug=entry.slug,
        title=document.title,
        doc_number=document.doc_number,
        department=entry.department,
        kind=str(entry.kind),
        signed_on=document.signed_on_text,
        published_on=chinese_date(entry.published_on),
        disclosure=str(entry.disclosure),
        publication_scope=str(entry.publication_scope),
        validity=str(entry.validity),
        in_force=entry.validity == Validity.IN_FORCE,
        href=f"policy/{entry.slug}.html",
        interpretation_href=f"interpretation/{entry.slug}.html" if entry.interpretation else None,
        downloads=_links(hrefs, "policy"),
        interpretation_downloads=_links(hrefs, "interpretation"),
        feedback_report=_report(root, entry.slug, "feedback", entry.feedback_report),
        evaluation_report=_report(root, entry.slug, "evaluation", entry.evaluation_report),
    )


def _links(hrefs: dict[str, str], stem: str) -> list[Link]:
    labels = {"pdf": "PDF 版", "docx": "Word 版"}
    return [
        Link(label=label, href=hrefs[f"{stem}.{ext}"])
        for ext, label in labels.items()
        if f"{stem}.{ext}" in hrefs
    ]


def _report(root: Path, slug: str, stem: str, report: PortalReport | None) -> ReportView | None:
    if report is None:
        return None
    href = _copy(root, slug, f"{stem}{report.file.suffix.lower()}", report.file) if report.file else None
    return ReportView(
        title=report.title, published_on=chinese_date(report.published_on), summary=report.summary, href=href
    )


def _copy(root: Path, slug: str, name: str, source: Path) -> str:
    try:
        destination = root / "files" / slug / name
        destination.parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(source, destination)
    except OSError as exc:
        raise InvalidInput(
            f"cannot copy {source} into the portal: {exc}", "Render the documents first."
        ) from None
    return f"files/{slug}/{name}"


def catalogue_row(entry: PortalEntry) -> CatalogueRow:
    document = entry.document
    return CatalogueRow(
        title=document.title,
        doc_number=document.doc_number,
        department=entry.department,
        kind=str(entry.kind),
        signed_on=document.signed_on_text,
    )
