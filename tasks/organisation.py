"""Departments, people and their roles: loading an organisation, looking people up, secrets."""

from __future__ import annotations

from pathlib import Path

import yaml
from pydantic import BaseModel, ConfigDict, Field, ValidationError
from sqlmodel import Session, select

from models.audit import append_audit
from models.enums import DepartmentLevel, Role
from models.errors import InvalidInput, NotFound
from models.organisation import Actor, Department, Person, PersonRole, hash_secret

DEMO_SECRET = "qinghe-demo"
DEMO_ORGANISATION = Path(__file__).resolve().parent.parent / "models" / "data" / "demo_county.yaml"


class DepartmentSpec(BaseModel):
    """A department as written in an organisation file."""

    model_config = ConfigDict(extra="forbid")

    name: str = Field(min_length=1, max_length=100)
    level: DepartmentLevel
    organ_code: str = Field(min_length=1, max_length=20)
    parent: str | None = None


class PersonSpec(BaseModel):
    """A person as written in an organisation file."""

    model_config = ConfigDict(extra="forbid")

    account: str = Field(pattern=r"^[A-Za-z0-9._-]{2,64}$")
    name: str = Field(min_length=1, max_length=64)
    department: str
    roles: list[Role] = Field(min_length=1)


class OrganisationSpec(BaseModel):
    """An organisation file: departments, then people."""

    model_config = ConfigDict(extra="forbid")

    departments: list[DepartmentSpec] = Field(default_factory=list)
    people: list[PersonSpec] = Field(default_factory=list)


def read_organisation(path: Path) -> OrganisationSpec:
    """Read and validate an organisation file."""
    try:
        return OrganisationSpec.model_validate(yaml.safe_load(path.read_text(encoding="utf-8")) or {})
    except (OSError, UnicodeDecodeError, yaml.YAMLError) as exc:
        raise InvalidInput(f"cannot read organisation file {path}: {exc}") from None
    except ValidationError as exc:
        problems = "\n  - ".join(f"{' → '.join(map(str, e['loc']))}: {e['msg']}" for e in exc.errors())
        raise InvalidInput(
            f"organisation file {path} is invalid:\n  - {problems}",
            f"See {DEMO_ORGANISATION} for the format.",
        ) from None


def load_organisation(
    session: Session, spec: OrganisationSpec, actor: str, *, secret: str | None = None
) -> tuple[int, int]:
    """Add or update departments and people; returns how many of each were written."""
    for department in spec.departments:
        upsert_department(session, department, actor)
    for person in spec.people:
        upsert_person(session, person, actor, secret=secret)
    return len(spec.departments), len(spec.people)


def upsert_department(session: Session, spec: DepartmentSpec, actor: str) -> Department:
    """Create a department, or update the one with the same name."""
    parent = department_by_name(session, spec.parent) if spec.parent else None
    row = session.exec(select(Department).where(Department.name == spec.name)).one_or_none()
    clash = session.exec(select(Department).where(Department.organ_code == spec.organ_code)).one_or_none()
    if clash is not None and clash.name != spec.name:
        raise InvalidInput(
            f"机关代字 {spec.organ_code} already belongs to {clash.name}",
            "Each department needs its own 机关代字 for 文号.",
        )
    row = row or Department(name=spec.name, level=spec.level, organ_code=spec.organ_code)
    row.level, row.organ_code, row.parent_id = spec.level, spec.organ_code, parent.id if parent else None
    session.add(row)
    session.flush()
    append_audit(
        session,
        actor=actor,
        action="department.save",
        subject_type="department",
        subject_id=row.id,
        detail={"name": row.name, "level": str(row.level), "organ_code": row.organ_code},
    )
    return row


def upsert_person(session: Session, spec: PersonSpec, actor: str, *, secret: str | None = None) -> Person:
    """Create a person, or update the one with the same account; roles are replaced."""
    department = department_by_name(session, spec.department)
    row = session.exec(select(Person).where(Person.account == spec.account)).one_or_none()
    row = row or Person(account=spec.account, name=spec.name, department_id=department.id or 0)
    row.name, row.department_id = spec.name, department.id or 0
    if secret is not None:
        row.secret_hash = hash_secret(secret)
    session.add(row)
    session.flush()
    for old in session.exec(select(PersonRole).where(PersonRole.person_id == row.id)).all():
        session.delete(old)
    session.flush()
    session.add_all(PersonRole(person_id=row.id or 0, role=role) for role in dict.fromkeys(spec.roles))
    append_audit(
        session,
        actor=actor,
        action="person.save",
        subject_type="person",
        subject_id=spec.account,
        detail={"name": spec.name, "department": spec.department, "roles": [str(r) for r in spec.roles]},
    )
    return row


def department_by_name(session: Session, name: str) -> Department:
    """The department with this name, or NotFound."""
    row = session.exec(select(Department).where(Department.name == name)).one_or_none()
    if row is None:
        raise NotFound(f"no department named {name}", "Run `policyflow org list` to see the departments.")
    return row


def person_by_account(session: Session, account: str) -> Person:
    """The person with this account, or NotFound."""
    row = session.exec(select(Person).where(Person.account == account)).one_or_none()
    if row is None:
        raise NotFound(f"no account named {account!r}", "Run `policyflow org list` to see the accounts.")
    return row


def roles_of(session: Session, person_id: int) -> frozenset[Role]:
    """The roles a person holds."""
    rows = session.exec(select(PersonRole).where(PersonRole.person_id == person_id)).all()
    return frozenset(row.role for row in rows)


def actor_for(session: Session, account: str) -> Actor:
    """The acting identity for an account, with its roles."""
    person = person_by_account(session, account)
    return Actor(account=person.account, roles=roles_of(session, person.id or 0), person_id=person.id)


def set_secret(session: Session, account: str, secret: str, actor: str) -> None:
    """Replace a person's approval secret (stored only as a hash) and audit it, without the secret."""
    if len(secret) < 8:
        raise InvalidInput("an approval secret needs at least 8 characters")
    person = person_by_account(session, account)
    person.secret_hash = hash_secret(secret)
    session.add(person)
    append_audit(session, actor=actor, action="person.secret", subject_type="person", subject_id=account)
