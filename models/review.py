"""Review steps (one human decision each) and the findings of the automated checks."""

from __future__ import annotations

from datetime import datetime

from sqlmodel import Column, Field, SQLModel, Text, UniqueConstraint

from models.base import enum_type, utcnow
from models.enums import (
    AttemptOutcome,
    Decision,
    FindingCategory,
    FindingResolution,
    ReviewStage,
    Role,
    StepStatus,
)


class ReviewStep(SQLModel, table=True):
    """审核环节: one decision a person owes on one version; it binds to the sha256 it saw."""

    __tablename__ = "review_steps"

    id: int | None = Field(default=None, primary_key=True)
    document_id: int = Field(foreign_key="policy_documents.id", index=True)
    version_id: int = Field(foreign_key="document_versions.id", index=True)
    stage: ReviewStage = Field(sa_type=enum_type(ReviewStage))
    level: int = Field(default=1, ge=1)  # position within a multi-level stage (保密审查 1..N)
    required_role: Role = Field(sa_type=enum_type(Role))
    department_id: int | None = Field(default=None, foreign_key="departments.id")  # reviewer must belong here
    status: StepStatus = Field(default=StepStatus.WAITING, sa_type=enum_type(StepStatus), index=True)
    decision: Decision | None = Field(default=None, sa_type=enum_type(Decision))
    reviewer_id: int | None = Field(default=None, foreign_key="people.id")
    comment: str = Field(default="", sa_column=Column(Text, nullable=False, server_default=""))
    reviewed_sha256: str = Field(default="", max_length=64)
    flow_run_id: str = Field(default="", max_length=64)
    opened_at: datetime = Field(default_factory=utcnow)
    decided_at: datetime | None = None


class ReviewAttempt(SQLModel, table=True):
    """One answer given at a review step, keyed by the Resume input it came from so it counts once."""

    __tablename__ = "review_attempts"
    __table_args__ = (UniqueConstraint("step_id", "input_key"),)

    id: int | None = Field(default=None, primary_key=True)
    step_id: int = Field(foreign_key="review_steps.id", index=True)
    input_key: str = Field(max_length=120)
    account: str = Field(default="", max_length=64)
    outcome: AttemptOutcome = Field(sa_type=enum_type(AttemptOutcome))
    reason: str = Field(default="", sa_column=Column(Text, nullable=False, server_default=""))
    at: datetime = Field(default_factory=utcnow)


class Finding(SQLModel, table=True):
    """检查发现: one thing an automated check found in a version, and what a reviewer made of it."""

    __tablename__ = "findings"

    id: int | None = Field(default=None, primary_key=True)
    version_id: int = Field(foreign_key="document_versions.id", index=True)
    target: str = Field(default="policy", max_length=20)  # "policy" or "interpretation"
    kind: str = Field(max_length=40)
    category: FindingCategory = Field(sa_type=enum_type(FindingCategory))
    start: int = Field(ge=0)
    end: int = Field(ge=0)
    text: str = Field(sa_column=Column(Text, nullable=False))
    suggestion: str = Field(default="", sa_column=Column(Text, nullable=False, server_default=""))
    resolution: FindingResolution = Field(
        default=FindingResolution.OPEN, sa_type=enum_type(FindingResolution)
    )
    resolved_by_id: int | None = Field(default=None, foreign_key="people.id")
    resolved_at: datetime | None = None
    created_at: datetime = Field(default_factory=utcnow)
