"""报送 → 受理 → 审核 → 签发: one package from submission through every review gate."""

from __future__ import annotations

from dataclasses import dataclass

from prefect import flow, task
from prefect.artifacts import create_markdown_artifact, create_table_artifact
from prefect.runtime import flow_run

from flows.publication import publish_signed
from flows.review import await_decision, forget_recorded_answers
from models.db import session_scope
from models.publication import Channel
from policyflow.memory import freeze_loaded
from tasks import approvals, intake, review, submission
from tasks.review_views import package_markdown, returned_markdown


@task(persist_result=True)
def record_submission(package: submission.SubmissionForm, run_id: str) -> submission.SubmissionRef:
    """Store the new version and mark the document 已报送."""
    return submission.record_submission(package, run_id)


@task(persist_result=True)
def run_checks(version_id: int) -> intake.IntakeOutcome:
    """Run privacy, secrecy, wording, 公开属性 and 三同步 checks; store the findings."""
    return intake.run_intake_checks(version_id)


@task(persist_result=True)
def return_package(ref: submission.SubmissionRef, outcome: intake.IntakeOutcome) -> None:
    """退文 with every reason, shown on the run page."""
    intake.return_package(ref.document_id, ref.version_id, outcome.reasons)
    create_markdown_artifact(
        key=f"returned-document-{ref.document_id}",
        markdown=returned_markdown(ref, outcome),
        description="退文理由",
    )


@task(persist_result=True)
def accept_package(ref: submission.SubmissionRef) -> list[review.StepSpec]:
    """受理: show reviewers the package and its findings; return the review chain it needs."""
    intake.accept_package(ref.document_id, ref.version_id)
    markdown, findings = package_markdown(ref)
    create_markdown_artifact(
        key=f"package-document-{ref.document_id}", markdown=markdown, description="报送材料（政策文件与解读）"
    )
    if findings:
        create_table_artifact(
            key=f"findings-document-{ref.document_id}", table=findings, description="自动检查发现"
        )
    with session_scope() as session:
        return review.chain_for(session, ref.version_id)


@task(persist_result=True)
def sign(ref: submission.SubmissionRef, signing_step_id: int) -> None:
    """签发, after checking every approval against the version's bytes."""
    approvals.sign(ref.document_id, ref.version_id, signing_step_id)


@dataclass(frozen=True)
class Received:
    """收文: the version recorded, what the checks decided and, when accepted, the review chain."""

    ref: submission.SubmissionRef
    outcome: intake.IntakeOutcome
    chain: list[review.StepSpec]


@task(persist_result=True)
def receive(package: submission.SubmissionForm, run_id: str) -> Received:
    """收文: record the package and check it, then return it (退文) or accept it (受理)."""
    # One task around the three: every gate resumes in a new process that replays the flow from the
    # top, and a cached task costs a task run and a result read per replay; the inner ones run once.
    ref = record_submission(package, run_id)
    outcome = run_checks(ref.version_id)
    if not outcome.passed:
        return_package(ref, outcome)
        return Received(ref, outcome, [])
    return Received(ref, outcome, accept_package(ref))


@flow(name="submit-policy", persist_result=True)
def submit_policy(package: submission.SubmissionForm) -> str:
    """报送一份政策文件及其解读：自动检查，逐级审核，签发，与解读同步发布。"""
    freeze_loaded()
    run_id = str(flow_run.id)
    received = receive(package, run_id)
    if not received.outcome.passed:
        return "已退文"
    ref = received.ref
    forget_recorded_answers()
    step_id = 0
    for spec in received.chain:
        # A plain call, not a task: opening is idempotent (one step per version, stage and level), and
        # each gate's process replays every earlier step, so a task would cost a cached run per replay.
        step_id = review.open_step(ref.document_id, ref.version_id, spec, run_id)
        if not await_decision(step_id):
            return "已退回修改"
    sign(ref, step_id)
    published = publish_signed(ref.document_id)
    return {Channel.PORTAL: "已发布", Channel.REGISTER: "已登记（依申请公开）"}.get(
        published.channel, "已印发（不公开）"
    )
