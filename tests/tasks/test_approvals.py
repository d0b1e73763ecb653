"""Review decisions: who may decide, each answer counted once, and approvals bound to bytes."""

from __future__ import annotations

import sqlite3

import pytest
from sqlmodel import select

from models.audit import AuditEntry
from models.db import dispose_engines, session_scope
from models.deadlines import Deadline
from models.documents import PolicyDocument
from models.enums import AttemptOutcome, DeadlineStatus, FindingCategory, FindingResolution, StepStatus
from models.errors import IntegrityError
from models.lifecycle import Status
from models.review import Finding, ReviewAttempt, ReviewStep
from tasks.approvals import decide, sign
from tasks.review import chain_for, open_step
from tests.factories import add_finding, answer, grant_role, in_review

ACCOUNTS = {
    "department_head": "fgj.wangqiang",
    "secrecy-1": "fgj.lina",
    "secrecy-2": "fgj.wangqiang",
    "secrecy-3": "zfb.chenjing",
    "sign_off": "zfb.zhaolei",
    "legality": "sfj.liuyang",
    "privacy": "fgj.lina",
}


def _steps(ref):
    with session_scope() as session:
        specs = chain_for(session, ref.version_id)
    return [(spec, open_step(ref.document_id, ref.version_id, spec, "run")) for spec in specs]


def _account(spec):
    return ACCOUNTS[f"secrecy-{spec.level}" if spec.stage == "secrecy" else str(spec.stage)]


def _approve_all(ref):
    steps = _steps(ref)
    for spec, step_id in steps:
        assert decide(step_id, f"k{step_id}", answer(_account(spec))).outcome == AttemptOutcome.APPROVED
    return steps


def test_decide_approve_binds_the_step_to_the_version_hash(demo_db):
    ref = in_review()
    step_id = _steps(ref)[0][1]
    assert (
        decide(step_id, "k1", answer("fgj.wangqiang", comment="同意报送")).outcome == AttemptOutcome.APPROVED
    )
    with session_scope() as session:
        step = session.get_one(ReviewStep, step_id)
        clock = session.exec(select(Deadline).where(Deadline.subject_id == step_id)).one()
        row = session.exec(select(AuditEntry).where(AuditEntry.action == "review.approved")).one()
    assert (step.status, step.reviewed_sha256, step.comment) == (StepStatus.APPROVED, ref.sha256, "同意报送")
    assert clock.status == DeadlineStatus.MET
    assert row.actor == "fgj.wangqiang" and row.detail["sha256"] == ref.sha256


@pytest.mark.parametrize(
    ("account", "secret", "reason"),
    [
        ("fgj.wangqiang", "wrong-secret", "the approval secret for fgj.wangqiang does not match"),
        ("nobody", "qinghe-demo", "unknown or inactive account 'nobody'"),
        ("sfj.liuyang", "qinghe-demo", "does not hold the role 部门负责人"),
        ("jtj.wujun", "qinghe-demo", "is not in the drafting department"),
    ],
)
def test_decide_refuses_and_records_a_wrong_reviewer(demo_db, account, secret, reason):
    ref = in_review()
    step_id = _steps(ref)[0][1]
    result = decide(step_id, "k1", answer(account, secret=secret))
    assert result.outcome == AttemptOutcome.REFUSED
    assert reason in result.reason
    with session_scope() as session:
        assert session.get_one(ReviewStep, step_id).status == StepStatus.WAITING
        refused = session.exec(select(AuditEntry).where(AuditEntry.action == "review.refused")).one()
    assert reason in refused.detail["reason"]
    assert secret not in str(refused.model_dump())  # the audit log never holds a secret


def test_decide_refuses_the_drafter_even_with_the_right_role(demo_db, tmp_path):
    grant_role("fgj.zhangwei", "department_head")
    ref = in_review()
    result = decide(_steps(ref)[0][1], "k1", answer("fgj.zhangwei"))
    assert result.outcome == AttemptOutcome.REFUSED
    assert "drafted this document and may not review it (四眼原则)" in result.reason


def test_decide_counts_each_input_key_once(demo_db):
    ref = in_review()
    step_id = _steps(ref)[0][1]
    first = decide(step_id, "k1", answer("fgj.wangqiang", secret="wrong-secret"))
    again = decide(step_id, "k1", answer("fgj.wangqiang"))  # the same stored input, re-read after a restart
    assert first == again
    with session_scope() as session:
        assert len(session.exec(select(ReviewAttempt)).all()) == 1


def test_send_back_needs_a_comment_then_returns_the_document(demo_db):
    ref = in_review()
    step_id = _steps(ref)[0][1]
    refused = decide(step_id, "k1", answer("fgj.wangqiang", decision="退回修改"))
    assert "needs a comment" in refused.reason
    result = decide(
        step_id, "k2", answer("fgj.wangqiang", decision="退回修改", comment="第三部分请补充执行标准")
    )
    assert result.outcome == AttemptOutcome.RETURNED
    with session_scope() as session:
        assert session.get_one(PolicyDocument, ref.document_id).status == Status.RETURNED
        assert session.get_one(ReviewStep, step_id).status == StepStatus.RETURNED


def test_findings_must_each_be_decided_and_must_fix_cannot_be_approved(demo_db):
    ref = in_review()
    finding_id = add_finding(ref.version_id, FindingCategory.SECRECY, text="内部资料", kind="secret_mark")
    secrecy_step = _steps(ref)[1][1]
    assert "decide every finding" in decide(secrecy_step, "k1", answer("fgj.lina")).reason
    must_fix = answer("fgj.lina", findings={finding_id: "must_fix"})
    assert "marked must fix" in decide(secrecy_step, "k2", must_fix).reason
    cleared = answer("fgj.lina", findings={finding_id: "cleared"})
    assert decide(secrecy_step, "k3", cleared).outcome == AttemptOutcome.APPROVED
    with session_scope() as session:
        assert session.get_one(Finding, finding_id).resolution == FindingResolution.CLEARED


def test_sign_after_every_approval_sets_the_date_and_status(demo_db):
    ref = in_review()
    steps = _approve_all(ref)
    sign(ref.document_id, ref.version_id, steps[-1][1])
    with session_scope() as session:
        document = session.get_one(PolicyDocument, ref.document_id)
    assert document.status == Status.SIGNED and document.signed_on is not None


def test_sign_refuses_when_the_text_changed_after_approval(demo_db):
    ref = in_review()
    steps = _approve_all(ref)
    dispose_engines()
    with sqlite3.connect(demo_db) as connection:  # behind the application's back
        connection.execute(
            "UPDATE document_versions SET body = body || '（私自增加的一句）' WHERE id = ?", (ref.version_id,)
        )
    with pytest.raises(IntegrityError, match="no longer matches its hash"):
        sign(ref.document_id, ref.version_id, steps[-1][1])
    with session_scope() as session:
        assert session.get_one(PolicyDocument, ref.document_id).status == Status.IN_REVIEW


def test_sign_refuses_while_a_step_is_not_approved(demo_db):
    ref = in_review()
    steps = _steps(ref)
    for spec, step_id in steps[:-2]:
        decide(step_id, f"k{step_id}", answer(_account(spec)))
    with pytest.raises(IntegrityError, match="are not approved"):
        sign(ref.document_id, ref.version_id, steps[-1][1])
