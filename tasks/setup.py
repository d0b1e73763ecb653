"""Creating or upgrading the database and seeding what every installation needs."""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache

from sqlmodel import select

from models.db import migrate, session_scope
from models.deadlines import CalendarYear
from models.errors import InvalidInput
from models.settings import get_settings
from tasks.calendar import read_calendar_file
from tasks.deadlines import YearChange, store_years
from tasks.organisation import DEMO_ORGANISATION, DEMO_SECRET, load_organisation, read_organisation


@dataclass(frozen=True)
class InitReport:
    """What ``initialise`` did."""

    database: str
    calendar: list[YearChange]
    departments: int = 0
    people: int = 0


def initialise(*, demo: bool = False, actor: str = "system") -> InitReport:
    """Migrate the database, add calendar years it lacks, and optionally the demo county."""
    settings = get_settings()
    if demo and settings.environment == "production":
        raise InvalidInput(
            "the demo county (with its published demo secret) is refused in production",
            "Load your organisation with `policyflow org load FILE` instead.",
        )
    migrate()
    with session_scope() as session:
        years = store_years(session, read_calendar_file(settings.calendar_file), actor, replace=False)
        departments = people = 0
        if demo:
            spec = read_organisation(DEMO_ORGANISATION)
            departments, people = load_organisation(session, spec, actor, secret=DEMO_SECRET)
    return InitReport(_redacted(settings.resolved_database_url), years, departments, people)


@cache
def ensure_database() -> None:
    """Make sure the database is migrated and has a calendar (once per process)."""
    migrate()
    with session_scope() as session:
        if session.exec(select(CalendarYear.year)).first() is None:
            store_years(session, read_calendar_file(get_settings().calendar_file), "system", replace=False)


def _redacted(url: str) -> str:
    """A database URL safe to print: the password replaced."""
    from sqlalchemy.engine import make_url

    return make_url(url).render_as_string(hide_password=True)
