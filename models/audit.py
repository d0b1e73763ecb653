"""The append-only audit log: each row carries the hash of the row before it."""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

from sqlmodel import JSON, Column, Field, Session, SQLModel, col, select

from models.base import sha256_hex, utcnow

GENESIS_HASH = "0" * 64


class AuditEntry(SQLModel, table=True):
    """审计记录: who did what to which record, chained by hash."""

    __tablename__ = "audit_log"

    id: int | None = Field(default=None, primary_key=True)
    at: datetime = Field(default_factory=utcnow)
    actor: str = Field(max_length=64)
    action: str = Field(max_length=64, index=True)
    subject_type: str = Field(max_length=40)
    subject_id: str = Field(max_length=64, index=True)
    detail: dict[str, Any] = Field(default_factory=dict, sa_column=Column(JSON, nullable=False))
    prev_hash: str = Field(max_length=64)
    hash: str = Field(max_length=64)


class AuditHead(SQLModel, table=True):
    """The chain's last row and length, kept apart so deleting the newest rows is also detected."""

    __tablename__ = "audit_head"

    id: int = Field(default=1, primary_key=True)
    last_id: int = 0
    last_hash: str = Field(default=GENESIS_HASH, max_length=64)
    count: int = 0


@dataclass(frozen=True)
class ChainReport:
    """The outcome of verifying the chain: ``first_bad_id`` is None when it is intact."""

    rows_checked: int
    first_bad_id: int | None = None
    problem: str = ""

    @property
    def intact(self) -> bool:
        """Whether every row and the head check out."""
        return self.first_bad_id is None and not self.problem


def entry_hash(entry: AuditEntry) -> str:
    """The hash of a row's content together with the previous row's hash."""
    at = entry.at.astimezone(UTC) if entry.at.tzinfo else entry.at.replace(tzinfo=UTC)
    payload = {
        "id": entry.id,
        "at": at.isoformat(),
        "actor": entry.actor,
        "action": entry.action,
        "subject_type": entry.subject_type,
        "subject_id": entry.subject_id,
        "detail": entry.detail,
        "prev_hash": entry.prev_hash,
    }
    return sha256_hex(json.dumps(payload, ensure_ascii=False, sort_keys=True, separators=(",", ":")))


def append_audit(
    session: Session,
    *,
    actor: str,
    action: str,
    subject_type: str,
    subject_id: object,
    detail: dict[str, Any] | None = None,
) -> AuditEntry:
    """Append one row in the caller's transaction; the head row lock serialises concurrent writers."""
    head = session.exec(select(AuditHead).where(AuditHead.id == 1).with_for_update()).one_or_none()
    if head is None:
        head = AuditHead()
    entry = AuditEntry(
        at=utcnow(),
        actor=actor,
        action=action,
        subject_type=subject_type,
        subject_id=str(subject_id),
        detail=detail or {},
        prev_hash=head.last_hash,
        hash="",
    )
    session.add(entry)
    session.flush()  # the id is part of the hash
    entry.hash = entry_hash(entry)
    head.last_id, head.last_hash, head.count = entry.id or 0, entry.hash, head.count + 1
    session.add_all([entry, head])
    session.flush()
    return entry


def verify_chain(session: Session) -> ChainReport:
    """Recompute every hash in order and compare with the head; name the first row that fails."""
    prev_hash, count, last_id = GENESIS_HASH, 0, 0
    rows = session.exec(select(AuditEntry).order_by(col(AuditEntry.id)).execution_options(yield_per=1000))
    for entry in rows:
        if entry.prev_hash != prev_hash:
            return ChainReport(
                count,
                entry.id,
                "its previous-row hash does not match the row before it "
                "(a row before it was deleted or altered)",
            )
        if entry_hash(entry) != entry.hash:
            return ChainReport(count, entry.id, "its content does not match its hash (the row was edited)")
        prev_hash, count, last_id = entry.hash, count + 1, entry.id or 0
    head = session.get(AuditHead, 1) or AuditHead()
    if (head.last_id, head.last_hash, head.count) != (last_id, prev_hash, count):
        return ChainReport(
            count,
            min(head.last_id, last_id) + 1,
            f"the log ends at row {last_id} ({count} rows) but the head records row "
            f"{head.last_id} ({head.count} rows): the newest rows were deleted or the head edited",
        )
    return ChainReport(count)
