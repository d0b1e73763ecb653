"""The review chain each document needs, and opening its steps."""

from __future__ import annotations

from sqlmodel import select

from models.audit import AuditEntry
from models.db import session_scope
from models.deadlines import Deadline
from models.enums import DeadlineKind, FindingCategory, ReviewStage, Role
from models.settings import get_settings
from tasks.review import chain_for, open_step, step_view
from tests.factories import add_finding, demo_form, submitted


def _chain(ref):
    with session_scope() as session:
        return [(spec.stage, spec.level, spec.role) for spec in chain_for(session, ref.version_id)]


def test_chain_for_a_policy_document_has_department_secrecy_and_sign_off(demo_db):
    assert _chain(submitted()) == [
        (ReviewStage.DEPARTMENT_HEAD, 1, Role.DEPARTMENT_HEAD),
        (ReviewStage.SECRECY, 1, Role.HANDLER),
        (ReviewStage.SECRECY, 2, Role.DEPARTMENT_HEAD),
        (ReviewStage.SECRECY, 3, Role.SECRECY_OFFICER),
        (ReviewStage.SIGN_OFF, 1, Role.SIGNER),
    ]


def test_chain_for_a_normative_document_adds_legality_review(demo_db):
    assert (ReviewStage.LEGALITY, 1, Role.LEGAL_REVIEWER) in _chain(
        submitted(demo_form(kind="行政规范性文件"))
    )


def test_chain_adds_privacy_review_when_personal_data_was_found(demo_db):
    ref = submitted()
    add_finding(ref.version_id, FindingCategory.PRIVACY)
    assert _chain(ref)[1] == (ReviewStage.PRIVACY, 1, Role.HANDLER)


def test_chain_adds_privacy_review_for_redacted_publication(demo_db):
    assert (ReviewStage.PRIVACY, 1, Role.HANDLER) in _chain(
        submitted(demo_form(publication_scope="删减后公开"))
    )


def test_chain_secrecy_levels_follow_the_setting(demo_db, monkeypatch):
    monkeypatch.setenv("POLICYFLOW_SECRECY_REVIEW_LEVELS", "1")
    get_settings.cache_clear()
    secrecy = [step for step in _chain(submitted()) if step[0] == ReviewStage.SECRECY]
    assert secrecy == [(ReviewStage.SECRECY, 1, Role.SECRECY_OFFICER)]


def test_open_step_is_idempotent_and_starts_a_working_day_clock(demo_db):
    ref = submitted()
    with session_scope() as session:
        spec = chain_for(session, ref.version_id)[0]
    first = open_step(ref.document_id, ref.version_id, spec, "run-a")
    assert open_step(ref.document_id, ref.version_id, spec, "run-a") == first
    with session_scope() as session:
        clocks = session.exec(select(Deadline).where(Deadline.subject_id == first)).all()
        opened = session.exec(select(AuditEntry).where(AuditEntry.action == "review.open")).all()
    assert [(c.kind, c.working_days) for c in clocks] == [(DeadlineKind.REVIEW_WAIT, 3)]
    assert clocks[0].due is not None
    assert len(opened) == 1


def test_step_view_shows_the_department_and_the_findings_to_decide(demo_db):
    ref = submitted()
    finding_id = add_finding(ref.version_id, FindingCategory.SECRECY, text="内部资料", kind="secret_mark")
    with session_scope() as session:
        specs = chain_for(session, ref.version_id)
    head = step_view(open_step(ref.document_id, ref.version_id, specs[0], "r"))
    secrecy = step_view(open_step(ref.document_id, ref.version_id, specs[1], "r"))
    assert head.department == "青禾县发展和改革局" and head.findings_to_decide == []
    assert [f.id for f in secrecy.findings_to_decide] == [finding_id]
    assert (secrecy.level, secrecy.levels) == (1, 1)  # only the opened levels are counted
