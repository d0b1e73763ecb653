"""Recording a submission: a new version bound to its bytes, once per run, voiding earlier approvals."""

from __future__ import annotations

import pytest
from sqlmodel import select

from models.db import session_scope
from models.documents import DocumentVersion, Interpretation, PolicyDocument
from models.enums import StepStatus
from models.errors import DocumentUnreadable, InvalidInput, NotFound, TransitionNotAllowed
from models.lifecycle import Status
from models.review import ReviewStep
from tasks.review import chain_for, open_step
from tasks.submission import SubmissionForm, record_submission
from tests.factories import demo_form, submitted


def test_record_submission_stores_the_version_and_moves_to_submitted(demo_db):
    ref = submitted()
    with session_scope() as session:
        document = session.get_one(PolicyDocument, ref.document_id)
        version = session.get_one(DocumentVersion, ref.version_id)
        interpretation = session.exec(select(Interpretation)).one()
    assert document.status == Status.SUBMITTED
    assert (version.number, version.title) == (1, demo_form().title)
    assert version.sha256 == ref.sha256 and len(ref.sha256) == 64
    assert interpretation.forms == ["文字解读", "简明问答", "一图读懂", "在线访谈", "政策吹风会"]


def test_record_submission_twice_for_one_run_records_once(demo_db):
    first = submitted(run_id="run-a")
    second = submitted(run_id="run-a")
    assert first == second
    with session_scope() as session:
        assert len(session.exec(select(DocumentVersion)).all()) == 1


def test_record_submission_keeps_a_missing_disclosure_as_missing(demo_db):
    ref = submitted(demo_form(disclosure=None, publication_scope=None))
    with session_scope() as session:
        version = session.get_one(DocumentVersion, ref.version_id)
    assert version.disclosure is None and version.publication_scope is None


def test_the_package_hash_changes_with_the_interpretation(demo_db):
    first = submitted()
    second = submitted(demo_form(interpretation_text=demo_form().interpretation_text + "\n补充一句。"))
    assert first.sha256 != second.sha256


def test_resubmission_adds_a_version_and_voids_earlier_steps(demo_db):
    ref = submitted()
    with session_scope() as session:
        document = session.get_one(PolicyDocument, ref.document_id)
        document.status = Status.RETURNED  # as after 退文; reaching it through the flow is tested there
        first_spec = chain_for(session, ref.version_id)[0]
    step_id = open_step(ref.document_id, ref.version_id, first_spec, "run-a")
    again = submitted(demo_form(resubmits=ref.document_id))
    assert (again.document_id, again.version_number) == (ref.document_id, 2)
    with session_scope() as session:
        assert session.get_one(ReviewStep, step_id).status == StepStatus.VOID
        assert session.get_one(PolicyDocument, ref.document_id).status == Status.SUBMITTED


def test_resubmitting_a_document_that_is_not_returned_is_refused(demo_db):
    ref = submitted()
    with pytest.raises(InvalidInput, match="only a returned document can be resubmitted"):
        submitted(demo_form(resubmits=ref.document_id))


def test_resubmitting_someone_elses_document_is_refused(demo_db):
    ref = submitted()
    with session_scope() as session:
        session.get_one(PolicyDocument, ref.document_id).status = Status.RETURNED
    with pytest.raises(TransitionNotAllowed, match="only the drafter of this document"):
        submitted(
            demo_form(resubmits=ref.document_id, drafter="jtj.zhoumin", department="青禾县教育和体育局")
        )


@pytest.mark.parametrize(
    ("changes", "error", "message"),
    [
        ({"drafter": "nobody"}, NotFound, "no account named 'nobody'"),
        ({"drafter": "sfj.liuyang"}, InvalidInput, "does not hold the 起草人"),
        ({"department": "不存在局"}, NotFound, "no department named 不存在局"),
        ({"resubmits": 999}, NotFound, "no document 999"),
        ({"revises": "青政办发〔2020〕1号"}, NotFound, "no published document with 文号"),
    ],
)
def test_record_submission_refuses_bad_input_and_stores_nothing(demo_db, changes, error, message):
    with pytest.raises(error, match=message):
        submitted(demo_form(**changes))
    with session_scope() as session:
        assert session.exec(select(DocumentVersion)).all() == []


def test_submission_form_reads_files_from_the_inbox(demo_db, data_dir):
    inbox = data_dir / "inbox"
    inbox.mkdir(parents=True)
    (inbox / "policy.txt").write_text("某县关于某事的通知\n正文。", encoding="utf-8")
    form = demo_form(policy_text="", policy_file="policy.txt")
    ref = record_submission(form, "run-inbox")
    with session_scope() as session:
        assert session.get_one(DocumentVersion, ref.version_id).body.startswith("某县关于某事的通知")


def test_submission_form_refuses_paths_outside_the_inbox(demo_db):
    with pytest.raises(InvalidInput, match="outside the inbox"):
        record_submission(demo_form(policy_text="", policy_file="../../etc/passwd"), "run-x")


def test_submission_form_needs_a_policy():
    with pytest.raises(ValueError, match="give the policy"):
        SubmissionForm.model_validate(demo_form().model_dump() | {"policy_text": "", "policy_file": ""})


def test_submission_form_reports_an_unreadable_inbox_file(demo_db):
    with pytest.raises(DocumentUnreadable, match="file not found"):
        record_submission(demo_form(policy_text="", policy_file="missing.docx"), "run-y")
