"""Working days under the State Council holiday schedules (法定节假日 and 调休)."""

from __future__ import annotations

import json
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from datetime import date, timedelta
from pathlib import Path
from typing import Any

import yaml
from pydantic import BaseModel, ConfigDict, Field, ValidationError, field_validator

from models.base import sha256_hex
from models.errors import CalendarFileInvalid, CalendarNotPublished, InvalidInput

WEEKDAY_NAMES = "一二三四五六日"


class DateRange(BaseModel):
    """A run of consecutive days off, both ends included."""

    model_config = ConfigDict(extra="forbid", populate_by_name=True)

    first: date = Field(alias="from")
    last: date = Field(alias="to")

    def days(self) -> list[date]:
        """Every date in the range."""
        return [self.first + timedelta(days=i) for i in range((self.last - self.first).days + 1)]


class Holiday(BaseModel):
    """One holiday of a year's notice: its days off and the weekends worked in exchange."""

    model_config = ConfigDict(extra="forbid")

    name: str = Field(min_length=1)
    days_off: date | DateRange
    working_weekends: list[date] = Field(default_factory=list)

    def off_days(self) -> list[date]:
        """Every day off of this holiday."""
        return self.days_off.days() if isinstance(self.days_off, DateRange) else [self.days_off]


class YearSchedule(BaseModel):
    """One year's 节假日安排 as published by the 国务院办公厅."""

    model_config = ConfigDict(extra="forbid")

    notice: str = Field(min_length=1)
    source: str = ""
    holidays: list[Holiday] = Field(min_length=1)

    @field_validator("holidays")
    @classmethod
    def _names_unique(cls, holidays: list[Holiday]) -> list[Holiday]:
        names = [holiday.name for holiday in holidays]
        if len(names) != len(set(names)):
            raise ValueError("a holiday name appears twice")
        return holidays

    def canonical(self) -> dict[str, Any]:
        """The schedule as plain JSON data, ranges expanded, for storage and hashing."""
        return {
            "notice": self.notice,
            "source": self.source,
            "holidays": [
                {
                    "name": h.name,
                    "days_off": [d.isoformat() for d in h.off_days()],
                    "working_weekends": [d.isoformat() for d in h.working_weekends],
                }
                for h in self.holidays
            ],
        }

    def sha256(self) -> str:
        """The hash of the canonical schedule."""
        return sha256_hex(json.dumps(self.canonical(), ensure_ascii=False, sort_keys=True))

    def version(self) -> str:
        """A short content hash identifying exactly this schedule."""
        return self.sha256()[:12]


def check_year(year: int, schedule: YearSchedule) -> list[str]:
    """Problems with one year's schedule that a type check cannot see; empty when it is sound."""
    problems: list[str] = []
    seen_off: dict[date, str] = {}
    seen_work: dict[date, str] = {}
    for holiday in schedule.holidays:
        span = holiday.days_off
        if isinstance(span, DateRange) and span.last < span.first:
            problems.append(
                f"{year} {holiday.name}: the range ends ({span.last}) before it starts ({span.first})"
            )
        for day in holiday.off_days():
            if day in seen_off:
                problems.append(f"{year} {holiday.name}: {day} is already a day off under {seen_off[day]}")
            seen_off[day] = holiday.name
        for day in holiday.working_weekends:
            if day.weekday() < 5:
                problems.append(
                    f"{year} {holiday.name}: working weekend {day} is a 星期"
                    f"{WEEKDAY_NAMES[day.weekday()]}, not a Saturday or Sunday"
                )
            seen_work[day] = holiday.name
        for day in [*holiday.off_days(), *holiday.working_weekends]:
            if day.year != year:
                problems.append(f"{year} {holiday.name}: {day} is not in {year}")
    for day in sorted(set(seen_off) & set(seen_work)):
        problems.append(
            f"{year}: {day} is listed both as a day off ({seen_off[day]}) and as a working day "
            f"({seen_work[day]})"
        )
    return problems


def parse_calendar(text: str, source: str = "calendar file") -> dict[int, YearSchedule]:
    """Validate a calendar file's text; every problem is reported at once in CalendarFileInvalid."""
    try:
        data = yaml.safe_load(text)
    except yaml.YAMLError as exc:
        raise CalendarFileInvalid(f"{source} is not valid YAML: {exc}", _FORMAT_HINT) from None
    except ValueError as exc:  # PyYAML builds dates while parsing: 2027-02-31 fails here
        raise CalendarFileInvalid(f"{source} holds an impossible date: {exc}", _FORMAT_HINT) from None
    if not isinstance(data, dict) or not data:
        raise CalendarFileInvalid(f"{source} holds no years", _FORMAT_HINT)
    years, problems = {}, []
    for key, block in data.items():
        if not isinstance(key, int) or not 1949 <= key <= 2200:
            problems.append(f"{key!r} is not a year; each top-level key must be a year such as 2027")
            continue
        try:
            years[key] = YearSchedule.model_validate(block)
        except ValidationError as exc:
            problems.extend(_describe(key, error) for error in exc.errors())
            continue
        problems.extend(check_year(key, years[key]))
    if problems:
        raise CalendarFileInvalid(
            f"{source} has {len(problems)} problem(s):\n  - " + "\n  - ".join(problems), _FORMAT_HINT
        )
    return years


def read_calendar_file(path: Path) -> dict[int, YearSchedule]:
    """Read and validate a calendar file from disk."""
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        raise CalendarFileInvalid(
            f"cannot read calendar file {path}: {exc}", "Give the path of a UTF-8 YAML file."
        ) from None
    return parse_calendar(text, source=str(path))


_FORMAT_HINT = (
    "See models/data/workdays.yaml for the format: each year has `notice`, optional `source`, "
    "and `holidays`, each with `name`, `days_off` (a date or {from: …, to: …}) and optional "
    "`working_weekends` (the Saturdays/Sundays worked instead, 调休)."
)


def _describe(year: int, error: Mapping[str, Any]) -> str:
    where = " → ".join(str(part) for part in error["loc"])
    return f"{year}{' → ' + where if where else ''}: {error['msg']}"


@dataclass(frozen=True)
class DayCount:
    """One calendar day walked over while counting working days."""

    day: date
    ordinal: int | None  # which working day this is, or None when skipped
    note: str


@dataclass(frozen=True)
class Derivation:
    """How a due date was reached: every day after the start, counted or skipped, and why."""

    start: date
    working_days: int
    due: date
    days: list[DayCount] = field(default_factory=list)
    calendar_version: str = ""

    def lines(self) -> list[str]:
        """The derivation as text a clerk can check against a wall calendar."""
        head = [
            f"start {self.start} (星期{WEEKDAY_NAMES[self.start.weekday()]}); counting starts on the next "
            f"working day; working day {self.working_days} is the due date"
        ]
        body = [
            f"{d.day} 星期{WEEKDAY_NAMES[d.day.weekday()]}  "
            + (f"working day {d.ordinal}" if d.ordinal else "skipped")
            + (f" ({d.note})" if d.note else "")
            for d in self.days
        ]
        return [*head, *body, f"due {self.due}; calendar {self.calendar_version}"]


class WorkCalendar:
    """Working-day arithmetic over the years that have a published schedule, and no others."""

    def __init__(self, years: Mapping[int, YearSchedule]) -> None:
        self.years = dict(years)
        self.off: dict[date, str] = {}
        self.work: dict[date, str] = {}
        for schedule in self.years.values():
            for holiday in schedule.holidays:
                self.off.update(dict.fromkeys(holiday.off_days(), holiday.name))
                self.work.update(dict.fromkeys(holiday.working_weekends, holiday.name))

    def _require(self, day: date) -> None:
        if day.year not in self.years:
            raise CalendarNotPublished(day.year)

    def is_working_day(self, day: date) -> bool:
        """Whether ``day`` is a working day; CalendarNotPublished for a year with no schedule."""
        self._require(day)
        if day in self.work:
            return True
        return day.weekday() < 5 and day not in self.off

    def why(self, day: date) -> str:
        """Why a day is or is not a working day, in the words of the schedule."""
        if day in self.work:
            return f"调休上班, {self.work[day]}"
        if day in self.off:
            return f"法定节假日, {self.off[day]}"
        return "周末" if day.weekday() >= 5 else ""

    def explain(self, start: date, working_days: int) -> Derivation:
        """Add ``working_days`` to ``start``: the next working day is day 1, day N is the due date."""
        if working_days < 0:
            raise InvalidInput(f"the number of working days must be 0 or more, not {working_days}")
        self._require(start)
        day, counted, walked = start, 0, []
        while counted < working_days:
            day += timedelta(days=1)
            if self.is_working_day(day):
                counted += 1
                walked.append(DayCount(day, counted, self.why(day)))
            else:
                walked.append(DayCount(day, None, self.why(day)))
        return Derivation(start, working_days, day, walked, self.version_for(start, day))

    def add_working_days(self, start: date, working_days: int) -> date:
        """The due date ``working_days`` working days after ``start``."""
        return self.explain(start, working_days).due

    def working_days_between(self, start: date, end: date) -> int:
        """Working days after ``start`` up to and including ``end`` (negative when end is earlier)."""
        if end < start:
            return -self.working_days_between(end, start)
        self._require(start)
        return sum(self.is_working_day(start + timedelta(days=i)) for i in range(1, (end - start).days + 1))

    def version_for(self, first: date, last: date) -> str:
        """The calendar version of the years between two dates, e.g. ``2026:1a2b3c4d5e6f``."""
        return ",".join(
            f"{year}:{self.years[year].version()}"
            for year in range(first.year, last.year + 1)
            if year in self.years
        )


def calendar_from_specs(specs: Iterable[tuple[int, dict[str, Any]]]) -> WorkCalendar:
    """A calendar from stored (year, canonical spec) pairs."""
    years = {}
    for year, spec in specs:
        holidays = [
            {
                "name": h["name"],
                "days_off": {"from": h["days_off"][0], "to": h["days_off"][-1]},
                "working_weekends": h["working_weekends"],
            }
            for h in spec["holidays"]
        ]
        years[year] = YearSchedule.model_validate({**spec, "holidays": holidays})
    return WorkCalendar(years)
