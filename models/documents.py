"""Policy documents, their versions, and the interpretation (解读) that travels with each version."""

from __future__ import annotations

import json
from datetime import date, datetime
from typing import Any

from sqlmodel import JSON, Column, Field, SQLModel, Text, UniqueConstraint

from models.base import enum_type, sha256_hex, utcnow
from models.enums import Disclosure, DocumentKind, IssuingLevel, PublicationScope, Validity
from models.lifecycle import Status


class PolicyDocument(SQLModel, table=True):
    """政策文件: one policy through its whole life; what it says lives in its versions."""

    __tablename__ = "policy_documents"

    id: int | None = Field(default=None, primary_key=True)
    kind: DocumentKind = Field(sa_type=enum_type(DocumentKind))
    issuing_level: IssuingLevel = Field(sa_type=enum_type(IssuingLevel))
    department_id: int = Field(foreign_key="departments.id", index=True)
    drafter_id: int = Field(foreign_key="people.id")
    status: Status = Field(default=Status.DRAFT, sa_type=enum_type(Status), index=True)
    doc_number: str | None = Field(default=None, unique=True, max_length=60)  # 文号, set at publication
    signed_on: date | None = None  # 成文日期
    published_at: datetime | None = None
    revises_id: int | None = Field(default=None, foreign_key="policy_documents.id")
    created_at: datetime = Field(default_factory=utcnow)
    updated_at: datetime = Field(default_factory=utcnow)

    @property
    def validity(self) -> Validity:
        """效力状态, derived from the status so the two can never disagree."""
        if self.status == Status.REVISED:
            return Validity.REVISED
        if self.status == Status.REPEALED:
            return Validity.REPEALED
        return Validity.IN_FORCE


class DocumentVersion(SQLModel, table=True):
    """One submitted version of a policy with its 公开属性; approvals bind to its ``sha256``."""

    __tablename__ = "document_versions"
    __table_args__ = (UniqueConstraint("document_id", "number"),)

    id: int | None = Field(default=None, primary_key=True)
    document_id: int = Field(foreign_key="policy_documents.id", index=True)
    number: int = Field(ge=1)
    title: str = Field(max_length=200)
    body: str = Field(sa_column=Column(Text, nullable=False))
    body_sha256: str = Field(max_length=64)
    disclosure: Disclosure | None = Field(
        default=None, sa_type=enum_type(Disclosure)
    )  # None: not given (退文)
    disclosure_basis: str = Field(default="", max_length=200)
    disclosure_reason: str = Field(default="", sa_column=Column(Text, nullable=False, server_default=""))
    publication_scope: PublicationScope | None = Field(default=None, sa_type=enum_type(PublicationScope))
    main_recipients: str = Field(default="", sa_column=Column(Text, nullable=False, server_default=""))
    copy_to: str = Field(default="", sa_column=Column(Text, nullable=False, server_default=""))
    attachments: list[str] = Field(
        default_factory=list, sa_column=Column(JSON, nullable=False, server_default="[]")
    )
    sha256: str = Field(max_length=64, index=True)  # the package: policy, interpretation, attributes
    author_id: int = Field(foreign_key="people.id")
    source_name: str = Field(default="", max_length=255)
    submission_run_id: str | None = Field(
        default=None, unique=True, max_length=64
    )  # the run that recorded it
    created_at: datetime = Field(default_factory=utcnow)


class Interpretation(SQLModel, table=True):
    """政策解读: the interpretation plan (forms, channels, schedule) and material of one version."""

    __tablename__ = "interpretations"

    id: int | None = Field(default=None, primary_key=True)
    version_id: int = Field(foreign_key="document_versions.id", unique=True)
    forms: list[str] = Field(default_factory=list, sa_column=Column(JSON, nullable=False))
    channels: list[str] = Field(default_factory=list, sa_column=Column(JSON, nullable=False))
    schedule: str = Field(default="", max_length=200)
    material: str = Field(sa_column=Column(Text, nullable=False))
    sha256: str = Field(max_length=64)
    source_name: str = Field(default="", max_length=255)
    created_at: datetime = Field(default_factory=utcnow)


def interpretation_digest(material: str, forms: list[str], channels: list[str], schedule: str) -> str:
    """The sha256 of an interpretation's material and plan."""
    return sha256_hex(
        _canonical({"material": material, "forms": forms, "channels": channels, "schedule": schedule})
    )


def package_digest(version: DocumentVersion, kind: DocumentKind, interpretation_sha256: str | None) -> str:
    """The sha256 of everything a reviewer sees: policy text, 公开属性, title, kind, interpretation."""
    return sha256_hex(
        _canonical(
            {
                "title": version.title,
                "kind": str(kind),
                "body": version.body_sha256,
                "disclosure": str(version.disclosure or ""),
                "disclosure_basis": version.disclosure_basis,
                "disclosure_reason": version.disclosure_reason,
                "publication_scope": str(version.publication_scope or ""),
                "interpretation": interpretation_sha256 or "",
                "main_recipients": version.main_recipients,
                "copy_to": version.copy_to,
                "attachments": version.attachments,
            }
        )
    )


def _canonical(value: dict[str, Any]) -> str:
    return json.dumps(value, ensure_ascii=False, sort_keys=True, separators=(",", ":"))
