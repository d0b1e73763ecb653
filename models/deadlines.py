"""Working-day deadlines and the holiday schedules they are computed from."""

from __future__ import annotations

from datetime import date, datetime
from typing import Any

from sqlmodel import JSON, Column, Field, SQLModel, Text

from models.base import enum_type, utcnow
from models.enums import DeadlineKind, DeadlineStatus


class CalendarYear(SQLModel, table=True):
    """节假日安排: one year's State Council schedule as loaded; ``sha256`` is its version."""

    __tablename__ = "calendar_years"

    year: int = Field(primary_key=True, ge=1949)
    notice: str = Field(max_length=300)
    spec: dict[str, Any] = Field(sa_column=Column(JSON, nullable=False))
    sha256: str = Field(max_length=64)
    loaded_at: datetime = Field(default_factory=utcnow)
    loaded_by: str = Field(default="system", max_length=64)


class Deadline(SQLModel, table=True):
    """时限: a clock of N working days from a start date, with how its due date was computed."""

    __tablename__ = "deadlines"

    id: int | None = Field(default=None, primary_key=True)
    kind: DeadlineKind = Field(sa_type=enum_type(DeadlineKind))
    subject_type: str = Field(max_length=40)  # "document", "review_step", …
    subject_id: int = Field(index=True)
    description: str = Field(default="", max_length=300)
    start: date
    working_days: int = Field(ge=1)
    due: date | None = None  # None until every year it crosses has a published schedule
    computation: str = Field(sa_column=Column(Text, nullable=False))
    calendar_version: str = Field(default="", max_length=200)
    status: DeadlineStatus = Field(default=DeadlineStatus.OPEN, sa_type=enum_type(DeadlineStatus), index=True)
    met_on: date | None = None
    created_at: datetime = Field(default_factory=utcnow)
    updated_at: datetime = Field(default_factory=utcnow)
