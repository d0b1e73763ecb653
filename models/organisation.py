"""Departments, people, their roles and approval secrets."""

from __future__ import annotations

import base64
import hashlib
import hmac
import secrets
from dataclasses import dataclass, field
from datetime import datetime

from sqlmodel import Field, SQLModel, UniqueConstraint

from models.base import enum_type, utcnow
from models.enums import DepartmentLevel, Role

# scrypt cost: ~50 ms per check on this 2-core machine, so guessing a secret is slow and a reviewer
# barely notices. Stored with the hash so the cost can be raised later without breaking old hashes.
SCRYPT_N, SCRYPT_R, SCRYPT_P = 2**14, 8, 1


class Department(SQLModel, table=True):
    """机构: a government, its office, a department or a township, with its 机关代字 for 文号."""

    __tablename__ = "departments"

    id: int | None = Field(default=None, primary_key=True)
    name: str = Field(unique=True, max_length=100)
    level: DepartmentLevel = Field(sa_type=enum_type(DepartmentLevel))
    organ_code: str = Field(unique=True, max_length=20)  # 机关代字, e.g. 青政办发
    parent_id: int | None = Field(default=None, foreign_key="departments.id")
    created_at: datetime = Field(default_factory=utcnow)


class Person(SQLModel, table=True):
    """人员: an account that drafts or reviews; its approval secret is stored only as a scrypt hash."""

    __tablename__ = "people"

    id: int | None = Field(default=None, primary_key=True)
    account: str = Field(unique=True, index=True, max_length=64)
    name: str = Field(max_length=64)
    department_id: int = Field(foreign_key="departments.id")
    secret_hash: str = Field(default="", max_length=200)
    active: bool = True
    created_at: datetime = Field(default_factory=utcnow)


class PersonRole(SQLModel, table=True):
    """One role held by one person."""

    __tablename__ = "person_roles"
    __table_args__ = (UniqueConstraint("person_id", "role"),)

    id: int | None = Field(default=None, primary_key=True)
    person_id: int = Field(foreign_key="people.id", index=True)
    role: Role = Field(sa_type=enum_type(Role))


@dataclass(frozen=True)
class Actor:
    """Who is acting: a person's account and roles, or policyflow itself."""

    account: str
    roles: frozenset[Role] = field(default_factory=frozenset)
    person_id: int | None = None


SYSTEM_ACTOR = Actor(account="system", roles=frozenset({Role.SYSTEM}))


def hash_secret(secret: str) -> str:
    """A salted scrypt hash of an approval secret, self-describing its parameters."""
    salt = secrets.token_bytes(16)
    digest = hashlib.scrypt(secret.encode(), salt=salt, n=SCRYPT_N, r=SCRYPT_R, p=SCRYPT_P)
    encode = base64.b64encode
    return f"scrypt${SCRYPT_N}${SCRYPT_R}${SCRYPT_P}${encode(salt).decode()}${encode(digest).decode()}"


def secret_matches(secret: str, stored: str) -> bool:
    """Whether a secret matches a stored hash; an empty or malformed hash never matches."""
    try:
        scheme, n, r, p, salt, digest = stored.split("$")
    except ValueError:
        return False
    if scheme != "scrypt":
        return False
    expected = base64.b64decode(digest)
    actual = hashlib.scrypt(
        secret.encode(), salt=base64.b64decode(salt), n=int(n), r=int(r), p=int(p), dklen=len(expected)
    )
    return hmac.compare_digest(actual, expected)
