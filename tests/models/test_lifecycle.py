"""The lifecycle table: its graph, and which moves it allows or refuses."""

from __future__ import annotations

from collections import deque

import pytest
from sqlmodel import select

from models.audit import AuditEntry
from models.db import session_scope
from models.documents import PolicyDocument
from models.enums import Disclosure, Role
from models.errors import TransitionNotAllowed
from models.lifecycle import INITIAL_STATUS, RULES, Action, Status, transition
from models.organisation import SYSTEM_ACTOR
from tests.factories import actor, make_document

TERMINAL = {Status.WITHDRAWN, Status.REVISED, Status.REPEALED}


def _edges() -> dict[Status, set[Status]]:
    edges: dict[Status, set[Status]] = {status: set() for status in Status}
    for rule in RULES.values():
        for source in rule.sources:
            edges[source].add(rule.target)
    return edges


def test_lifecycle_has_exactly_one_initial_status():
    targets = {rule.target for rule in RULES.values()}
    assert [s for s in Status if s not in targets] == [INITIAL_STATUS]


def test_lifecycle_terminal_statuses_have_no_exit():
    edges = _edges()
    assert {s for s in Status if not edges[s]} == TERMINAL


def test_lifecycle_every_status_reaches_an_end():
    edges = _edges()
    for start in Status:
        seen, queue = {start}, deque([start])
        while queue:
            for nxt in edges[queue.popleft()] - seen:
                seen.add(nxt)
                queue.append(nxt)
        assert seen & TERMINAL, f"{start} cannot reach a terminal status"


def test_lifecycle_every_status_is_reachable_from_the_initial_one():
    edges, seen, queue = _edges(), {INITIAL_STATUS}, deque([INITIAL_STATUS])
    while queue:
        for nxt in edges[queue.popleft()] - seen:
            seen.add(nxt)
            queue.append(nxt)
    assert seen == set(Status)


ALLOWED = [
    (Status.DRAFT, Action.SUBMIT, "fgj.zhangwei", Status.SUBMITTED),
    (Status.RETURNED, Action.SUBMIT, "fgj.zhangwei", Status.SUBMITTED),
    (Status.IN_REVIEW, Action.SEND_BACK, "sfj.liuyang", Status.RETURNED),
    (Status.IN_REVIEW, Action.SIGN, "zfb.zhaolei", Status.SIGNED),
    (Status.SIGNED, Action.PUBLISH, "zfb.sunli", Status.PUBLISHED),
    (Status.DRAFT, Action.WITHDRAW, "fgj.zhangwei", Status.WITHDRAWN),
    (Status.PUBLISHED, Action.REPEAL, "zfb.sunli", Status.REPEALED),
]


@pytest.mark.parametrize(("source", "action", "account", "target"), ALLOWED)
def test_transition_allowed_moves_reach_their_target(demo_db, source, action, account, target):
    with session_scope() as session:
        document = make_document(session, status=source)
        assert transition(session, document, action, actor(session, account)) == target
        assert document.status == target


FORBIDDEN = [
    (Status.DRAFT, Action.SIGN, "zfb.zhaolei", "only possible when it is 审核中"),
    (Status.PUBLISHED, Action.SUBMIT, "fgj.zhangwei", "only possible when it is"),
    (Status.REPEALED, Action.PUBLISH, "zfb.sunli", "only possible when it is 已签发"),
    (Status.WITHDRAWN, Action.SUBMIT, "fgj.zhangwei", "已撤回"),
    (Status.IN_REVIEW, Action.SIGN, "fgj.wangqiang", "needs the role 签发人"),
    (Status.SIGNED, Action.PUBLISH, "fgj.zhangwei", "needs the role"),
    (Status.DRAFT, Action.SUBMIT, "jtj.zhoumin", "only the drafter of this document"),
    (Status.IN_REVIEW, Action.SEND_BACK, "fgj.zhangwei", "needs the role"),
]


@pytest.mark.parametrize(("source", "action", "account", "message"), FORBIDDEN)
def test_transition_forbidden_moves_raise_and_leave_the_status(demo_db, source, action, account, message):
    with session_scope() as session:
        document = make_document(session, status=source)
        with pytest.raises(TransitionNotAllowed, match=message):
            transition(session, document, action, actor(session, account))
        assert document.status == source


def test_transition_refuses_to_publish_a_withheld_document(demo_db):
    with session_scope() as session:
        document = make_document(session, status=Status.SIGNED)
        with pytest.raises(TransitionNotAllowed, match="不予公开 and must never be published"):
            transition(
                session, document, Action.PUBLISH, SYSTEM_ACTOR, context={"disclosure": Disclosure.WITHHELD}
            )
        assert (
            transition(
                session,
                document,
                Action.ISSUE_WITHHELD,
                SYSTEM_ACTOR,
                context={"disclosure": Disclosure.WITHHELD},
            )
            == Status.ISSUED
        )


def _document_audit(session, document_id):
    query = select(AuditEntry).where(
        AuditEntry.subject_type == "document", AuditEntry.subject_id == str(document_id)
    )
    return session.exec(query.order_by(AuditEntry.id)).all()


def test_transition_rolled_back_leaves_neither_status_nor_audit_row(demo_db):
    with session_scope() as session:
        document_id = make_document(session).id
    with pytest.raises(RuntimeError), session_scope() as session:
        document = session.get_one(PolicyDocument, document_id)
        transition(session, document, Action.SUBMIT, actor(session, "fgj.zhangwei"))
        raise RuntimeError("the caller fails after the move")
    with session_scope() as session:
        assert session.get_one(PolicyDocument, document_id).status == Status.DRAFT
        assert [row.action for row in _document_audit(session, document_id)] == ["document.create"]


def test_transition_writes_an_audit_row_naming_actor_move_and_reason(demo_db):
    with session_scope() as session:
        document = make_document(session)
        transition(
            session, document, Action.SUBMIT, actor(session, "fgj.zhangwei"), reason="first submission"
        )
    with session_scope() as session:
        rows = _document_audit(session, document.id)
    assert [row.action for row in rows] == ["document.create", "document.submit"]
    assert rows[-1].actor == "fgj.zhangwei"
    assert rows[-1].detail == {"from": "draft", "to": "submitted", "reason": "first submission"}


def test_transition_roles_never_include_system_for_human_decisions():
    for action in (Action.SUBMIT, Action.SEND_BACK, Action.SIGN):
        assert Role.SYSTEM not in RULES[action].roles
