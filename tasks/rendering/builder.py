"""Building document contexts from a submission package and the organisation in the database."""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date

from sqlmodel import Session, select

from models.enums import DepartmentLevel, Disclosure, IssuingLevel
from models.errors import InvalidInput, NotFound
from models.organisation import Department
from tasks.organisation import department_by_name
from tasks.packages import LoadedPackage
from tasks.rendering.blocks import parse_body, parse_interpretation
from tasks.rendering.context import InterpretationContext, OfficialDocumentContext

ORGAN_CODE = re.compile(r"^\S+$")


@dataclass(frozen=True)
class IssuingOrgans:
    """Who a document is issued by (发文机关, its 机关代字) and who prints it (印发机关)."""

    issuer: str
    organ_code: str
    printer: str
    drafter: str  # the drafting department, which writes and signs the 解读 (谁起草、谁解读)


def resolve_issuing_organs(
    issuing_level: IssuingLevel, department: str, *, session: Session
) -> IssuingOrgans:
    """发文名义 政府 → the government, 政府办公室 → its office, 部门 → the drafting department itself."""
    drafting = department_by_name(session, department)
    if issuing_level == IssuingLevel.DEPARTMENT:
        return IssuingOrgans(drafting.name, drafting.organ_code, drafting.name, drafting.name)
    government = _government_of(drafting, session=session)
    office = _child_at_level(government, DepartmentLevel.GOVERNMENT_OFFICE, session=session)
    issuer = government if issuing_level == IssuingLevel.GOVERNMENT else office
    return IssuingOrgans(issuer.name, issuer.organ_code, office.name, drafting.name)


def _government_of(department: Department, *, session: Session) -> Department:
    """The 人民政府 a department belongs to: itself, or the nearest ancestor of level 政府."""
    current: Department | None = department
    while current is not None:
        if current.level == DepartmentLevel.GOVERNMENT:
            return current
        current = session.get(Department, current.parent_id) if current.parent_id else None
    raise NotFound(
        f"{department.name} belongs to no department of level 政府",
        "Give the department a parent of level 政府 in the organisation file (`policyflow org load`).",
    )


def _child_at_level(parent: Department, level: DepartmentLevel, *, session: Session) -> Department:
    query = select(Department).where(Department.parent_id == parent.id, Department.level == level)
    child = session.exec(query).first()
    if child is None:
        raise NotFound(
            f"{parent.name} has no department of level {level}",
            "Add its 政府办公室 to the organisation file and load it with `policyflow org load`.",
        )
    return child


def format_doc_number(organ_code: str, year: int, number: int) -> str:
    """发文字号 per GB/T 9704: 机关代字〔year〕N号, full year, no 第, no leading zeros."""
    if number < 1 or not ORGAN_CODE.match(organ_code):
        raise InvalidInput(f"cannot make a 发文字号 from {organ_code!r}, {year}, {number}")
    return f"{organ_code}〔{year}〕{number}号"


def preview_doc_number(organ_code: str, year: int) -> str:
    """A placeholder 发文字号 that cannot be mistaken for an allocated one."""
    return f"{organ_code}〔{year}〕×号（预览）"


def document_context(
    *,
    title: str,
    body_text: str,
    organs: IssuingOrgans,
    doc_number: str,
    signed_on: date,
    disclosure: Disclosure,
    main_recipients: str = "",
    copy_to: str = "",
    attachments: list[str] | None = None,
    printed_on: date | None = None,
) -> OfficialDocumentContext:
    """The 公文 context from plain values (a stored version's title and body, or a redacted body)."""
    body, enclosure = parse_body(body_text)
    return OfficialDocumentContext(
        issuer_mark=f"{organs.issuer}文件",
        doc_number=doc_number,
        title=title,
        main_recipients=main_recipients.strip().rstrip("：:"),
        body=body,
        attachments=attachments or [],
        signer=organs.issuer,
        signed_on=signed_on,
        annotation=disclosure.annotation,
        enclosure=enclosure,
        copy_to=copy_to.strip().rstrip("。"),
        printing_organ=organs.printer,
        printed_on=printed_on or signed_on,
    )


def document_context_from_package(
    package: LoadedPackage,
    organs: IssuingOrgans,
    *,
    doc_number: str,
    signed_on: date,
    printed_on: date | None = None,
) -> OfficialDocumentContext:
    """The 公文 context for a submission package; a package without 公开属性 cannot be rendered."""
    manifest = package.manifest
    if manifest.disclosure is None:
        raise InvalidInput(
            f"{manifest.title}: no 公开属性 (disclosure), so the 附注 cannot be printed",
            "Add disclosure: 主动公开, 依申请公开 or 不予公开 to the package manifest.",
        )
    return document_context(
        title=manifest.title,
        body_text=package.policy.text,
        organs=organs,
        doc_number=doc_number,
        signed_on=signed_on,
        disclosure=manifest.disclosure,
        main_recipients=manifest.main_recipients,
        copy_to=manifest.copy_to,
        attachments=manifest.attachments,
        printed_on=printed_on,
    )


def interpretation_context(
    *, material: str, policy_title: str, doc_number: str, organ: str, published_on: date
) -> InterpretationContext:
    """The 解读 context: title from a leading ``#`` line, sections from ``##`` (or 一、) lines, 问/答 pairs."""
    title, sections = parse_interpretation(material, f"关于《{policy_title}》的政策解读")
    if not sections:
        raise InvalidInput(f"the interpretation of {policy_title} has no text")
    return InterpretationContext(
        title=title,
        policy_title=policy_title,
        doc_number=doc_number,
        organ=organ,
        published_on=published_on,
        sections=sections,
    )
