"""Column helpers shared by every table."""

from __future__ import annotations

import hashlib
from datetime import UTC, date, datetime
from enum import StrEnum
from zoneinfo import ZoneInfo

import sqlalchemy as sa
from sqlmodel import SQLModel

# Named constraints, so migrations can drop or alter them on every database (SQLite batch mode included).
SQLModel.metadata.naming_convention = {
    "ix": "ix_%(column_0_label)s",
    "uq": "uq_%(table_name)s_%(column_0_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}


def utcnow() -> datetime:
    """The current time, timezone-aware, in UTC."""
    return datetime.now(UTC)


def local_date(moment: datetime | None = None) -> date:
    """The calendar date of a moment (default: now) in the configured zone (Asia/Shanghai)."""
    from models.settings import get_settings

    return (moment or utcnow()).astimezone(ZoneInfo(get_settings().timezone)).date()


def enum_type(enum_class: type[StrEnum]) -> sa.Enum:
    """Store an enum by its value in a plain VARCHAR, so PostgreSQL needs no ENUM migrations."""
    return sa.Enum(
        enum_class,
        native_enum=False,
        create_constraint=False,
        length=40,
        values_callable=lambda members: [member.value for member in members],
        validate_strings=True,
    )


def sha256_hex(data: str | bytes) -> str:
    """The hex sha256 of text (as UTF-8) or bytes."""
    raw = data.encode("utf-8") if isinstance(data, str) else data
    return hashlib.sha256(raw).hexdigest()
