"""submit-policy on a real local Prefect server: gates suspend, reviewers resume, the database follows."""

from __future__ import annotations

import pytest
from prefect.client.orchestration import get_client
from prefect.input.actions import create_flow_run_input, read_flow_run_input
from sqlmodel import func, select

from models.audit import AuditEntry, verify_chain
from models.db import session_scope
from models.documents import DocumentVersion, PolicyDocument
from models.enums import StepStatus
from models.lifecycle import Status
from models.review import Finding, ReviewStep
from policyflow import runtime
from policyflow.runtime import InProcessRunner
from tasks.organisation import DEMO_SECRET
from tasks.review import eligible_reviewers, step_view
from tests.factories import demo_form, grant_role

pytestmark = pytest.mark.prefect


def _start(**changes):
    return runtime.start_submission(demo_form(**changes).model_dump(mode="json"))


def _answer(run_id, state, *, secret=DEMO_SECRET, decision="同意", comment="", account=None):
    step_id = runtime.waiting_step(state)
    view = step_view(step_id)
    who = account or eligible_reviewers(step_id)[0]
    runtime.answer_gate(run_id, runtime.form_input(view, who, secret, decision, comment))
    return runtime.wait_for(run_id, runtime.moved_on(state))


def _stored_input(run_id, key):
    # _sync: a session's Playwright browser keeps an event loop running in this thread, and Prefect's
    # helper would otherwise hand back a coroutine.
    return read_flow_run_input(key, flow_run_id=run_id, _sync=True)


def _approve_to_the_end(run_id, state):
    while state.state == "PAUSED":
        state = _answer(run_id, state)
    return state


def _document(document_id=None):
    with session_scope() as session:
        query = (
            select(PolicyDocument)
            if document_id is None
            else select(PolicyDocument).where(PolicyDocument.id == document_id)
        )
        return session.exec(query).one()


def _count(action):
    with session_scope() as session:
        return session.exec(
            select(func.count()).select_from(AuditEntry).where(AuditEntry.action == action)
        ).one()


def test_full_approval_path_signs_and_publishes_the_document(runner):
    run_id = _start()
    final = _approve_to_the_end(run_id, runtime.wait_for(run_id, runtime.settled))
    assert (final.state, final.result) == ("COMPLETED", "已发布")
    document = _document()
    assert document.status == Status.PUBLISHED and document.doc_number is not None
    with session_scope() as session:
        steps = session.exec(select(ReviewStep)).all()
        version = session.exec(select(DocumentVersion)).one()
        assert verify_chain(session).intact
    assert [s.stage for s in steps] == ["department_head", "secrecy", "secrecy", "secrecy", "sign_off"]
    assert {s.reviewed_sha256 for s in steps} == {version.sha256}


def test_intake_returns_a_package_without_interpretation(runner):
    run_id = _start(interpretation_text="", interpretation_file=None)
    final = runtime.wait_for(run_id, runtime.settled)
    assert (final.state, final.result) == ("COMPLETED", "已退文")
    assert _document().status == Status.RETURNED
    with get_client(sync_client=True) as client:
        artifact = client.read_latest_artifacts()  # the 退文 reasons are on the run page
    returned = [a for a in artifact if a.key and a.key.startswith("returned-document-")]
    assert returned and "退文" in str(returned[0].data)


def test_gate_refuses_a_wrong_secret_and_asks_again_showing_why(runner):
    run_id = _start()
    first = runtime.wait_for(run_id, runtime.settled)
    again = _answer(run_id, first, secret="not-the-secret")
    assert again.state == "PAUSED" and again.pause_key == first.pause_key[:-1] + "2"
    description = _stored_input(run_id, f"suspended-{again.pause_key}-description")
    assert "上次提交未被接受" in description and "does not match" in description
    assert _count("review.refused") == 1


def test_gate_refuses_the_wrong_role(runner):
    run_id = _start()
    first = runtime.wait_for(run_id, runtime.settled)
    again = _answer(run_id, first, account="sfj.liuyang")
    assert again.pause_key.endswith("-2")
    assert "does not hold the role 部门负责人" in _stored_input(
        run_id, f"suspended-{again.pause_key}-description"
    )


def test_gate_refuses_the_drafter_approving_their_own_package(runner):
    grant_role("fgj.zhangwei", "department_head")  # the drafter holds the first gate's role too
    run_id = _start()
    first = runtime.wait_for(run_id, runtime.settled)
    assert "fgj.zhangwei" not in eligible_reviewers(runtime.waiting_step(first))
    again = _answer(run_id, first, account="fgj.zhangwei")
    assert again.state == "PAUSED" and again.pause_key.endswith("-2")
    shown = _stored_input(run_id, f"suspended-{again.pause_key}-description")
    assert "drafted this document and may not review it" in shown and "四眼原则" in shown


def test_answers_with_secrets_do_not_stay_in_prefect(runner):
    run_id = _start()
    first = runtime.wait_for(run_id, runtime.settled)
    _answer(run_id, first)
    assert _stored_input(run_id, f"suspended-{first.pause_key}-response") is None


def test_an_answer_a_stopped_run_left_stored_is_deleted_when_the_run_next_resumes(runner):
    run_id = _start()
    first = runtime.wait_for(run_id, runtime.settled)
    second = _answer(run_id, first)
    # As if the run had stopped after recording the first answer and before deleting it.
    left = f"suspended-{first.pause_key}-response"
    create_flow_run_input(key=left, value={"secret": DEMO_SECRET}, flow_run_id=run_id, _sync=True)
    assert _stored_input(run_id, left) is not None
    third = _answer(run_id, second)
    assert third.state == "PAUSED"
    assert _stored_input(run_id, left) is None


def test_send_back_then_resubmission_voids_earlier_approvals(runner):
    run_id = _start()
    state = _answer(run_id, runtime.wait_for(run_id, runtime.settled))  # 部门负责人 approves version 1
    final = _answer(run_id, state, decision="退回修改", comment="请补充新旧政策差异的具体条款")
    assert (final.state, final.result) == ("COMPLETED", "已退回修改")
    document = _document()
    assert document.status == Status.RETURNED
    rerun = _start(resubmits=document.id, interpretation_text=demo_form().interpretation_text + "\n补充。")
    final = _approve_to_the_end(rerun, runtime.wait_for(rerun, runtime.settled))
    assert final.result == "已发布"
    with session_scope() as session:
        steps = session.exec(select(ReviewStep).order_by(ReviewStep.id)).all()
        versions = session.exec(select(DocumentVersion).order_by(DocumentVersion.number)).all()
    assert [s.status for s in steps[:2]] == [StepStatus.VOID, StepStatus.VOID]
    assert {s.reviewed_sha256 for s in steps[2:]} == {versions[1].sha256} != {versions[0].sha256}


def test_a_run_suspended_when_the_worker_stops_completes_after_restart_with_effects_once(
    demo_db, prefect_api
):
    with InProcessRunner(poll_seconds=0.5):
        run_id = _start()
        first = runtime.wait_for(run_id, runtime.settled)
    step_id = runtime.waiting_step(first)
    # No worker is running: the answer is stored and the run waits to be picked up again.
    runtime.answer_gate(
        run_id, runtime.form_input(step_view(step_id), eligible_reviewers(step_id)[0], DEMO_SECRET)
    )
    assert runtime.run_state(run_id).state == "SCHEDULED"
    with InProcessRunner(poll_seconds=0.5):
        state = runtime.wait_for(run_id, runtime.moved_on(first))
        final = _approve_to_the_end(run_id, state)
    assert final.result == "已发布"
    assert (_count("document.submit"), _count("document.accept"), _count("review.open")) == (1, 1, 5)
    with session_scope() as session:
        assert session.exec(select(func.count()).select_from(DocumentVersion)).one() == 1
        assert session.exec(select(func.count()).select_from(Finding)).one() == len(
            session.exec(select(Finding)).all()
        )
        assert verify_chain(session).intact
