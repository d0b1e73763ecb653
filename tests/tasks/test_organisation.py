"""Loading an organisation, finding people, and setting approval secrets."""

from __future__ import annotations

import pytest
from sqlmodel import select

from models.audit import AuditEntry
from models.db import session_scope
from models.enums import Role
from models.errors import InvalidInput, NotFound
from models.organisation import Person, secret_matches
from tasks.organisation import (
    DEMO_ORGANISATION,
    DEMO_SECRET,
    actor_for,
    load_organisation,
    read_organisation,
    set_secret,
)


def test_demo_county_has_every_reviewer_role(demo_db):
    with session_scope() as session:
        held = set().union(*(actor_for(session, p.account).roles for p in session.exec(select(Person)).all()))
    assert held >= set(Role) - {Role.SYSTEM}


def test_load_organisation_twice_updates_instead_of_duplicating(demo_db):
    with session_scope() as session:
        before = len(session.exec(select(Person)).all())
        load_organisation(session, read_organisation(DEMO_ORGANISATION), "admin")
        assert len(session.exec(select(Person)).all()) == before


def test_load_organisation_without_secret_keeps_existing_secrets(demo_db):
    with session_scope() as session:
        load_organisation(session, read_organisation(DEMO_ORGANISATION), "admin")
    with session_scope() as session:
        person = session.exec(select(Person).where(Person.account == "sfj.liuyang")).one()
        assert secret_matches(DEMO_SECRET, person.secret_hash)


def test_read_organisation_names_the_bad_field(tmp_path):
    path = tmp_path / "org.yaml"
    path.write_text(
        "people:\n  - {account: x y, name: 某, department: 某局, roles: [boss]}\n", encoding="utf-8"
    )
    with pytest.raises(InvalidInput) as caught:
        read_organisation(path)
    assert "people → 0 → account" in caught.value.message
    assert "people → 0 → roles → 0" in caught.value.message


def test_load_organisation_with_an_unknown_department_is_refused(db, tmp_path):
    path = tmp_path / "org.yaml"
    path.write_text(
        "people:\n  - {account: a.b, name: 某, department: 不存在局, roles: [drafter]}\n", encoding="utf-8"
    )
    with pytest.raises(NotFound, match="no department named 不存在局"), session_scope() as session:
        load_organisation(session, read_organisation(path), "admin")


def test_a_clashing_organ_code_is_refused(demo_db, tmp_path):
    path = tmp_path / "org.yaml"
    path.write_text("departments:\n  - {name: 新局, level: 部门, organ_code: 青司发}\n", encoding="utf-8")
    with (
        pytest.raises(InvalidInput, match="青司发 already belongs to 青禾县司法局"),
        session_scope() as session,
    ):
        load_organisation(session, read_organisation(path), "admin")


def test_set_secret_stores_a_hash_and_audits_without_the_secret(demo_db):
    with session_scope() as session:
        set_secret(session, "sfj.liuyang", "a new long secret", "admin")
    with session_scope() as session:
        person = session.exec(select(Person).where(Person.account == "sfj.liuyang")).one()
        row = session.exec(select(AuditEntry).where(AuditEntry.action == "person.secret")).one()
    assert secret_matches("a new long secret", person.secret_hash)
    assert "a new long secret" not in str(row.model_dump())


def test_set_secret_for_an_unknown_account_is_refused(demo_db):
    with pytest.raises(NotFound, match="no account named 'nobody'"), session_scope() as session:
        set_secret(session, "nobody", "long enough secret", "admin")


def test_set_secret_refuses_a_short_secret(demo_db):
    with pytest.raises(InvalidInput, match="at least 8"), session_scope() as session:
        set_secret(session, "sfj.liuyang", "short", "admin")
