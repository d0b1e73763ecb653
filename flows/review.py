"""The review gates: each suspends the run until a reviewer answers on the Resume form."""

from __future__ import annotations

from typing import Any, Literal

from prefect.client.orchestration import get_client
from prefect.exceptions import ObjectNotFound, PrefectHTTPStatusError
from prefect.flow_runs import suspend_flow_run
from prefect.input import RunInput
from prefect.runtime import flow_run
from pydantic import Field, SecretStr, create_model

from models.enums import AttemptOutcome, Decision, FindingResolution, StepStatus
from tasks.approvals import AttemptResult, ReviewAnswer, decide, recorded_keys
from tasks.review import StepView, step_view
from tasks.review_views import CATEGORY_LABELS, review_step_markdown

FINDING_CHOICES = {"已核实，可以公开": FindingResolution.CLEARED, "必须修改": FindingResolution.MUST_FIX}
FindingChoice = Literal["已核实，可以公开", "必须修改"]
# suspend_flow_run stores a gate's answer as run input under "suspended-<pause key>-response".
ANSWER_PREFIX, ANSWER_SUFFIX = "suspended-", "-response"
ANSWERS_LIMIT = 200  # stored answers read per sweep: far more than a run's gates and refusals


class ReviewForm(RunInput):
    """审核意见: what a reviewer fills in on the Resume form."""

    decision: Literal["同意", "退回修改"] = Field(title="审核意见")
    account: str = Field(title="审核人账号", min_length=1)
    secret: SecretStr = Field(title="审批密码")
    comment: str = Field(default="", title="意见说明（退回修改时必填）")


def gate_key(step_id: int, attempt: int) -> str:
    """The pause key of one attempt at one step; unique within a run."""
    return f"step-{step_id}-{attempt}"


def parse_gate_key(key: str) -> tuple[int, int]:
    """The step id and attempt number in a pause key."""
    _, step, attempt = key.split("-")
    return int(step), int(attempt)


def form_for(view: StepView) -> type[ReviewForm]:
    """The Resume form for a step: the fixed fields plus one choice per finding to decide."""
    fields: dict[str, Any] = {
        f"finding_{f.id}": (
            FindingChoice,
            Field(title=f"发现{f.id}：{CATEGORY_LABELS.get(f.category, f.category)}「{f.text}」"),  # type: ignore[call-overload]
        )
        for f in view.findings_to_decide
    }
    model = create_model("ReviewForm", __base__=ReviewForm, **fields)
    return model.with_initial_data(description=review_step_markdown(view))


def answer_from(form: ReviewForm) -> ReviewAnswer:
    """The policyflow answer carried by a submitted form."""
    values = form.model_dump()
    findings = {
        int(name.removeprefix("finding_")): FINDING_CHOICES[choice]
        for name, choice in values.items()
        if name.startswith("finding_")
    }
    return ReviewAnswer(
        decision=Decision(form.decision),
        account=form.account,
        secret=form.secret,
        comment=form.comment,
        findings=findings,
    )


def await_decision(step_id: int) -> bool:
    """Ask until the step is decided; True when approved, False when sent back."""
    while True:
        view = step_view(step_id)
        if view.status == StepStatus.APPROVED:
            return True
        if view.status != StepStatus.WAITING:
            return False
        key = gate_key(step_id, view.attempts + 1)
        form = suspend_flow_run(wait_for_input=form_for(view), key=key, timeout=None)
        result: AttemptResult = decide(step_id, key, answer_from(form))
        _forget(key)
        if result.outcome == AttemptOutcome.REFUSED:
            continue  # recorded and audited; the next round shows why


def forget_recorded_answers() -> None:
    """Delete this run's stored answers that are already recorded: the run may have stopped in between."""
    # The Prefect API stores Resume input as sent, approval secret included. Each answer is deleted as
    # soon as it is recorded (await_decision); this sweep, once per process, catches one whose run died
    # between the two. An answer not yet recorded is the one this process resumed for: it stays.
    with get_client(sync_client=True) as client:
        stored = client.filter_flow_run_input(
            flow_run.id, f"{ANSWER_PREFIX}step-", ANSWERS_LIMIT, exclude_keys=set()
        )
    answered = {
        entry.key.removeprefix(ANSWER_PREFIX).removesuffix(ANSWER_SUFFIX)
        for entry in stored
        if entry.key.endswith(ANSWER_SUFFIX)
    }
    for key in recorded_keys(answered):
        _forget(key)


def _forget(key: str) -> None:
    # Inside a flow run get_client hands back the run's own client: no new connection per call.
    try:
        with get_client(sync_client=True) as client:
            client.delete_flow_run_input(flow_run.id, f"{ANSWER_PREFIX}{key}{ANSWER_SUFFIX}")
    except ObjectNotFound:
        pass  # already deleted
    except PrefectHTTPStatusError as exc:
        if exc.response.status_code != 404:
            raise
