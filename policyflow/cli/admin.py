"""``policyflow init``, ``audit``, ``org`` and ``people``: setting up and checking an installation."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer
from rich.table import Table
from sqlmodel import col, select

from models.audit import AuditEntry, verify_chain
from models.db import session_scope
from models.organisation import Department, Person
from policyflow.cli.output import acting_account, emit_json, err, out
from tasks.organisation import load_organisation, read_organisation, roles_of, set_secret
from tasks.setup import ensure_database, initialise

JsonFlag = Annotated[bool, typer.Option("--json", help="Print JSON.")]
AsAccount = Annotated[str | None, typer.Option("--as", help="Account recorded in the audit log.")]

audit_app = typer.Typer(no_args_is_help=True, help="The hash-chained audit log.")
org_app = typer.Typer(no_args_is_help=True, help="Departments and people.")
people_app = typer.Typer(no_args_is_help=True, help="People's approval secrets.")


def register(app: typer.Typer) -> None:
    """Attach these commands to the main CLI."""
    app.command("init")(init)
    app.add_typer(audit_app, name="audit")
    app.add_typer(org_app, name="org")
    app.add_typer(people_app, name="people")


def init(
    demo: Annotated[
        bool, typer.Option("--demo", help="Also add the demo county 青禾县 and its people.")
    ] = False,
) -> None:
    """Create or migrate the database and load the bundled holiday calendar."""
    report = initialise(demo=demo)
    out.print(f"database ready: {report.database}")
    for change in report.calendar:
        out.print(f"calendar {change.year}: {change.outcome} (version {change.version})")
    if demo:
        out.print(
            f"demo county: {report.departments} departments, {report.people} people "
            "(approval secret for every demo account: qinghe-demo)"
        )


@audit_app.command("verify")
def audit_verify(as_json: JsonFlag = False) -> int:
    """Recompute the hash chain; exit 1 naming the first bad row if anything was edited or deleted."""
    ensure_database()
    with session_scope() as session:
        report = verify_chain(session)
    if as_json:
        emit_json(
            {
                "intact": report.intact,
                "rows_checked": report.rows_checked,
                "first_bad_row": report.first_bad_id,
                "problem": report.problem,
            }
        )
    elif report.intact:
        out.print(f"audit log intact: {report.rows_checked} rows verified")
    else:
        where = f"row {report.first_bad_id}" if report.first_bad_id else "the chain head"
        err.print(
            f"audit log BROKEN at {where}: {report.problem} ({report.rows_checked} rows before it verified)",
            markup=False,
        )
    return 0 if report.intact else 1


@audit_app.command("log")
def audit_log(
    limit: Annotated[int, typer.Option(min=1, help="How many of the newest rows.")] = 20,
    subject: Annotated[str | None, typer.Option(help="Only rows about this subject id.")] = None,
    as_json: JsonFlag = False,
) -> None:
    """Show the newest audit rows."""
    ensure_database()
    query = select(AuditEntry).order_by(col(AuditEntry.id).desc()).limit(limit)
    if subject:
        query = query.where(AuditEntry.subject_id == subject)
    with session_scope() as session:
        rows = list(reversed(session.exec(query).all()))
    if as_json:
        emit_json([row.model_dump() for row in rows])
        return
    table = Table("id", "at (UTC)", "actor", "action", "subject", "detail")
    for row in rows:
        table.add_row(
            str(row.id),
            f"{row.at:%Y-%m-%d %H:%M:%S}",
            row.actor,
            row.action,
            f"{row.subject_type} {row.subject_id}",
            str(row.detail),
        )
    out.print(table)


@org_app.command("load")
def org_load(
    file: Annotated[Path, typer.Argument(help="An organisation YAML file (departments, people).")],
    account: AsAccount = None,
) -> None:
    """Add or update departments and people from a file; secrets are set separately."""
    ensure_database()
    spec = read_organisation(file)
    with session_scope() as session:
        departments, people = load_organisation(session, spec, acting_account(account))
    out.print(f"{departments} departments and {people} people saved")


@org_app.command("list")
def org_list(as_json: JsonFlag = False) -> None:
    """List departments with their 机关代字, and people with their roles."""
    ensure_database()
    with session_scope() as session:
        departments = session.exec(select(Department).order_by(col(Department.id))).all()
        names = {d.id: d.name for d in departments}
        people = [
            (p, sorted(roles_of(session, p.id or 0)))
            for p in session.exec(select(Person).order_by(col(Person.account))).all()
        ]
    if as_json:
        emit_json(
            {
                "departments": [
                    {
                        "name": d.name,
                        "level": d.level,
                        "organ_code": d.organ_code,
                        "parent": names.get(d.parent_id),
                    }
                    for d in departments
                ],
                "people": [
                    {
                        "account": p.account,
                        "name": p.name,
                        "department": names[p.department_id],
                        "roles": roles,
                        "has_secret": bool(p.secret_hash),
                    }
                    for p, roles in people
                ],
            }
        )
        return
    table = Table("department", "level", "机关代字")
    for d in departments:
        table.add_row(d.name, d.level, d.organ_code)
    out.print(table)
    table = Table("account", "name", "department", "roles", "secret set")
    for p, roles in people:
        table.add_row(
            p.account,
            p.name,
            names[p.department_id],
            ", ".join(f"{r.label}({r})" for r in roles),
            "yes" if p.secret_hash else "no",
        )
    out.print(table)


@people_app.command("set-secret")
def people_set_secret(
    account: Annotated[str, typer.Argument(help="The account whose approval secret to set.")],
    by: AsAccount = None,
) -> None:
    """Set an account's approval secret (asked twice, never echoed; stored only as a hash)."""
    ensure_database()
    secret = typer.prompt("new approval secret", hide_input=True, confirmation_prompt=True)
    with session_scope() as session:
        set_secret(session, account, secret, acting_account(by))
    out.print(f"approval secret set for {account}")
