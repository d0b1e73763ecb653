"""Column helpers shared by every table."""

from __future__ import annotations

import hashlib
from datetime import UTC, datetime
from enum import StrEnum

import sqlalchemy as sa


def utcnow() -> datetime:
    """The current time, timezone-aware, in UTC."""
    return datetime.now(UTC)


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
