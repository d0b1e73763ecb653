"""``policyflow calendar``: working-day arithmetic and loading holiday schedules."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer
from rich.table import Table
from sqlmodel import col, select

from models.db import session_scope
from models.deadlines import CalendarYear
from policyflow.cli.output import acting_account, emit_json, out, parse_date
from tasks.deadlines import load_calendar_file, stored_calendar
from tasks.setup import ensure_database

app = typer.Typer(no_args_is_help=True, help="Working days under the State Council holiday schedules.")

JsonFlag = Annotated[bool, typer.Option("--json", help="Print JSON.")]
AsAccount = Annotated[str | None, typer.Option("--as", help="Account recorded in the audit log.")]


# ignore_unknown_options lets "-3" reach the count check instead of failing as an unknown option.
@app.command("add-days", context_settings={"ignore_unknown_options": True})
def add_days(
    start: Annotated[str, typer.Argument(help="Start date, YYYY-MM-DD.")],
    days: Annotated[int, typer.Argument(help="Number of working days.")],
    explain: Annotated[bool, typer.Option("--explain", help="Show every day counted or skipped.")] = False,
    as_json: JsonFlag = False,
) -> None:
    """Print the date N working days after START (the next working day is day 1)."""
    ensure_database()
    with session_scope() as session:
        derivation = stored_calendar(session).explain(parse_date(start, "START"), days)
    if as_json:
        emit_json(
            {
                "start": derivation.start,
                "working_days": days,
                "due": derivation.due,
                "calendar_version": derivation.calendar_version,
                "days": [{"date": d.day, "working_day": d.ordinal, "note": d.note} for d in derivation.days],
            }
        )
        return
    out.print(derivation.due.isoformat())
    if explain:
        for line in derivation.lines():
            out.print(line, markup=False)


@app.command("between")
def between(
    start: Annotated[str, typer.Argument(help="Start date, YYYY-MM-DD (not counted).")],
    end: Annotated[str, typer.Argument(help="End date, YYYY-MM-DD (counted).")],
    as_json: JsonFlag = False,
) -> None:
    """Print how many working days fall after START up to and including END."""
    ensure_database()
    first, last = parse_date(start, "START"), parse_date(end, "END")
    with session_scope() as session:
        count = stored_calendar(session).working_days_between(first, last)
    if as_json:
        emit_json({"start": first, "end": last, "working_days": count})
    else:
        out.print(str(count))


@app.command("day")
def day(date_text: Annotated[str, typer.Argument(metavar="DATE", help="A date, YYYY-MM-DD.")]) -> None:
    """Say whether DATE is a working day, and why."""
    ensure_database()
    when = parse_date(date_text, "DATE")
    with session_scope() as session:
        calendar = stored_calendar(session)
        working, why = calendar.is_working_day(when), calendar.why(when)
    out.print(f"{when} {'working day' if working else 'not a working day'}{f' ({why})' if why else ''}")


@app.command("show")
def show(as_json: JsonFlag = False) -> None:
    """List the years loaded, with the notice and version of each."""
    ensure_database()
    with session_scope() as session:
        years = session.exec(select(CalendarYear).order_by(col(CalendarYear.year))).all()
    if as_json:
        emit_json(
            [
                {
                    "year": y.year,
                    "version": y.sha256[:12],
                    "notice": y.notice,
                    "source": y.spec.get("source"),
                    "loaded_at": y.loaded_at,
                    "loaded_by": y.loaded_by,
                }
                for y in years
            ]
        )
        return
    table = Table("year", "version", "notice", "loaded")
    for y in years:
        table.add_row(str(y.year), y.sha256[:12], y.notice, f"{y.loaded_at:%Y-%m-%d} {y.loaded_by}")
    out.print(table)


@app.command("load")
def load(
    file: Annotated[Path, typer.Argument(help="A calendar YAML file with one or more years.")],
    account: AsAccount = None,
    as_json: JsonFlag = False,
) -> None:
    """Validate and store new or corrected years, then recompute every open deadline."""
    ensure_database()
    with session_scope() as session:
        changes, moved = load_calendar_file(session, file, acting_account(account))
    if as_json:
        emit_json({"years": [c.__dict__ for c in changes], "deadlines_moved": [m.__dict__ for m in moved]})
        return
    for change in changes:
        out.print(f"{change.year}: {change.outcome} (version {change.version})")
    out.print(f"{len(moved)} open deadline(s) moved")
    for m in moved:
        out.print(
            f"  deadline {m.deadline_id} {m.description}: {m.old_due or 'waiting'} → {m.new_due or 'waiting'}"
        )
