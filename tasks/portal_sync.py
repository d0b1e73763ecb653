"""The portal as the database says it should be: every published document, regenerated after each publish."""

from __future__ import annotations

from pathlib import Path

from sqlmodel import Session, col, select

from models.base import local_date
from models.db import session_scope
from models.documents import DocumentVersion, PolicyDocument
from models.enums import DepartmentLevel, Disclosure, PublicationScope
from models.organisation import Department
from models.publication import Channel, Publication
from models.settings import get_settings
from tasks.portal import PortalBuild, build_portal
from tasks.publication import contexts, plan_for, public_texts
from tasks.rendering.context import PortalEntry, PortalFiles, PortalSite


def rebuild_portal(target: Path | None = None) -> PortalBuild:
    """Build the 政府信息公开 portal from the publication records into ``target`` (default: output/portal)."""
    target = target or get_settings().resolved_output_dir / "portal"
    with session_scope() as session:
        entries = [_entry(session, publication) for publication in _listed(session)]
        site = _site(session)
    return build_portal(entries, site, target)


def _listed(session: Session) -> list[Publication]:
    # 不予公开 documents are issued internally and never reach the portal builder at all.
    query = select(Publication).where(col(Publication.channel).in_([Channel.PORTAL, Channel.REGISTER]))
    return list(session.exec(query.order_by(col(Publication.published_at))).all())


def _entry(session: Session, publication: Publication) -> PortalEntry:
    document = session.get_one(PolicyDocument, publication.document_id)
    version = session.get_one(DocumentVersion, publication.version_id)
    plan = plan_for(session, document, version)
    body, material = public_texts(plan)
    context, reading = contexts(plan, body, material, publication.doc_number, publication.published_on)
    files = {f["role"]: Path(f["path"]) for f in publication.files}
    return PortalEntry(
        slug=f"doc-{document.id}",
        document=context,
        department=plan.organs.issuer,
        kind=document.kind,
        disclosure=version.disclosure or Disclosure.WITHHELD,
        publication_scope=version.publication_scope or PublicationScope.FULL,
        validity=document.validity,
        published_on=publication.published_on,
        interpretation=reading,
        files=PortalFiles(
            policy_pdf=files.get("policy_pdf"),
            policy_docx=files.get("policy_docx"),
            interpretation_pdf=files.get("interpretation_pdf"),
            interpretation_docx=files.get("interpretation_docx"),
        ),
    )


def _site(session: Session) -> PortalSite:
    government = session.exec(
        select(Department).where(Department.level == DepartmentLevel.GOVERNMENT).order_by(col(Department.id))
    ).first()
    office = session.exec(
        select(Department)
        .where(Department.level == DepartmentLevel.GOVERNMENT_OFFICE)
        .order_by(col(Department.id))
    ).first()
    name = government.name if government else "政府"
    organ = office.name if office else name
    return PortalSite(
        name=f"{name}信息公开",
        organ=organ,
        built_on=local_date(),
        application_guide=f"依申请公开的政府信息，请向{organ}提出书面申请（条例第二十九条）。",
    )
