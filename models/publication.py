"""文号 counters and publication records."""

from __future__ import annotations

from datetime import date, datetime
from enum import StrEnum
from typing import Any

from sqlmodel import JSON, Column, Field, SQLModel

from models.base import enum_type, utcnow


class Channel(StrEnum):
    """Where a signed document went."""

    PORTAL = "政府信息公开网站"  # 主动公开: listed on the portal
    REGISTER = "依申请公开目录"  # 依申请公开: registered, not listed
    INTERNAL = "内部印发"  # 不予公开: issued, never published


class DocNumberCounter(SQLModel, table=True):
    """The last 发文字号 sequence number issued per 机关代字 and year."""

    __tablename__ = "doc_number_counters"

    organ_code: str = Field(primary_key=True, max_length=20)
    year: int = Field(primary_key=True)
    last: int = 0


class Publication(SQLModel, table=True):
    """发布记录: one document's publication: 文号, channel, time, and each file with its sha256."""

    __tablename__ = "publications"

    id: int | None = Field(default=None, primary_key=True)
    document_id: int = Field(foreign_key="policy_documents.id", unique=True)
    version_id: int = Field(foreign_key="document_versions.id")
    version_sha256: str = Field(max_length=64)
    doc_number: str = Field(max_length=60)
    channel: Channel = Field(sa_type=enum_type(Channel))
    redacted: bool = False
    published_at: datetime = Field(default_factory=utcnow)
    published_on: date
    files: list[dict[str, Any]] = Field(default_factory=list, sa_column=Column(JSON, nullable=False))
