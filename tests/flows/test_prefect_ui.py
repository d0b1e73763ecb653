"""A reviewer in the real Prefect UI (headless Chromium): open the suspended run, fill the Chinese form, submit.

The server serves two UIs. Prefect's own links to a run (``/runs/flow-run/<id>``) open the V1 UI; its
home page opens the V2 UI (``/v2/...``) in a browser that has not chosen one. A reviewer may reach
either, so the approval runs in both.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any
from uuid import UUID

import pytest
from playwright.sync_api import Locator, Page, expect
from prefect.input.actions import filter_flow_run_input
from sqlmodel import col, select

from flows.review import form_for, gate_key
from models.db import session_scope
from models.enums import AttemptOutcome, FindingResolution, StepStatus
from models.organisation import Person
from models.review import Finding, ReviewAttempt, ReviewStep
from policyflow import runtime
from tasks.organisation import DEMO_SECRET
from tasks.review import StepView, eligible_reviewers, step_view
from tests.browser import screenshot_on_failure
from tests.factories import demo_form

pytestmark = [pytest.mark.prefect, pytest.mark.browser]

COMMENT = "个人信息已核实，按删减后公开处理。"


class ResumeForm:
    """The Resume dialog of a paused run, in one of the server's UIs."""

    submit_label = ""

    def __init__(self, page: Page) -> None:
        self.page = page
        self.dialog = page.get_by_role("dialog")

    def submit(self) -> None:
        """Send the form and wait for the dialog to close."""
        self.dialog.get_by_role("button", name=self.submit_label, exact=True).click()
        expect(self.dialog).to_be_hidden()


class V1Form(ResumeForm):
    """The V1 UI, where Prefect's links to a run lead."""

    submit_label = "Submit"

    def open(self, ui_url: str, run_id: UUID) -> None:
        """Load the run's page and open its Resume dialog."""
        self.page.goto(f"{ui_url}/runs/flow-run/{run_id}")
        self.page.get_by_role("button", name="Resume").click()

    def type(self, label: str, text: str) -> None:
        """Type into the text field with this label."""
        self._field(label).get_by_role("textbox").fill(text)

    def choose(self, label: str, option: str) -> None:
        """Pick an option of the choice field with this label."""
        # A click opens the list, but the dialog takes the focus straight back and the list closes again;
        # the keyboard opens it for good.
        self._field(label).get_by_role("button").press("ArrowDown")
        self.page.get_by_role("option", name=option, exact=True).click()

    def _field(self, label: str) -> Locator:
        # Labels here are not tied to their controls: a field is the nearest block with the label and a fieldset.
        return self.dialog.locator("label", has_text=label).locator(
            "xpath=ancestor::*[.//fieldset][1]//fieldset"
        )


class V2Form(ResumeForm):
    """The V2 UI, which the server's home page opens by default."""

    submit_label = "Resume"

    def open(self, ui_url: str, run_id: UUID) -> None:
        """Load the run's page and open its Resume dialog from the run's menu."""
        self.page.goto(f"{ui_url}/v2/runs/flow-run/{run_id}")
        self.page.get_by_role("button", name="Open menu").click()
        self.page.get_by_role("menuitem", name="Resume").click()

    def type(self, label: str, text: str) -> None:
        """Type into the text field with this label."""
        self.dialog.get_by_label(label).fill(text)

    def choose(self, label: str, option: str) -> None:
        """Pick an option of the choice field with this label."""
        self.dialog.get_by_label(label).click()
        self.page.get_by_role("option", name=option, exact=True).click()


@pytest.fixture(params=[V1Form, V2Form], ids=["v1", "v2"])
def form(request, browser) -> Iterator[V1Form | V2Form]:
    """A fresh browser page, driven through one of the two UIs."""
    page = browser.new_page(viewport={"width": 1280, "height": 1000})
    yield request.param(page)
    page.close()


def test_a_reviewer_approves_in_the_prefect_ui_and_the_package_moves_on(
    form, prefect_server, runner, tmp_path
):
    run_id = runtime.start_submission(_package_naming_a_contact())
    gate = _approve_through_the_api(run_id, runtime.wait_for(run_id, runtime.settled))
    step_id = runtime.waiting_step(gate)  # 个人信息审查: its form asks about each personal-data finding
    view, reviewer = step_view(step_id), eligible_reviewers(step_id)[0]
    with screenshot_on_failure(form.page, tmp_path / "failure.png"):
        form.open(prefect_server.ui_url, run_id)
        form.choose("审核意见", "同意")
        form.type("审核人账号", reviewer)
        form.type("审批密码", DEMO_SECRET)
        form.type("意见说明", COMMENT)
        for title in _finding_titles(view):
            form.choose(title, "已核实，可以公开")
        form.submit()
        moved = runtime.wait_for(run_id, runtime.moved_on(gate))
        assert moved.state == "PAUSED" and runtime.waiting_step(moved) != step_id
        assert _decision(step_id) == (StepStatus.APPROVED, reviewer, COMMENT)
        assert _resolutions(view) == [FindingResolution.CLEARED] * 2
        assert DEMO_SECRET not in form.page.content()
        assert _inputs_holding(run_id, DEMO_SECRET) == []


@pytest.mark.parametrize("form", [V1Form], ids=["v1"], indirect=True)  # the refusal is the flow's
def test_a_wrong_secret_in_the_prefect_ui_is_refused_and_the_form_says_why(
    form, prefect_server, runner, tmp_path
):
    run_id = runtime.start_submission(demo_form().model_dump(mode="json"))
    first = runtime.wait_for(run_id, runtime.settled)
    step_id = runtime.waiting_step(first)
    reviewer = eligible_reviewers(step_id)[0]
    with screenshot_on_failure(form.page, tmp_path / "failure.png"):
        form.open(prefect_server.ui_url, run_id)
        form.choose("审核意见", "同意")
        form.type("审核人账号", reviewer)
        form.type("审批密码", "not-the-secret")
        form.submit()
        again = runtime.wait_for(run_id, runtime.moved_on(first))
        assert again.state == "PAUSED" and again.pause_key == gate_key(step_id, 2)
        reason = f"the approval secret for {reviewer} does not match"
        assert _attempts(step_id) == [(AttemptOutcome.REFUSED, reviewer, reason)]
        form.open(prefect_server.ui_url, run_id)
        expect(form.dialog).to_contain_text("上次提交未被接受")
        expect(form.dialog).to_contain_text(reason)


def _package_naming_a_contact() -> dict[str, Any]:
    # Personal data published redacted (删减后公开) passes intake and adds a 个人信息审查 gate after the first.
    anchor = "各镇（街道）、县直各部门单位要对照"
    text = demo_form().policy_text.replace(anchor, "联系人：王小明，电话13812345678。" + anchor)
    return demo_form(policy_text=text, publication_scope="删减后公开").model_dump(mode="json")


def _approve_through_the_api(run_id: UUID, state: runtime.RunState) -> runtime.RunState:
    step_id = runtime.waiting_step(state)
    answer = runtime.form_input(step_view(step_id), eligible_reviewers(step_id)[0], DEMO_SECRET)
    runtime.answer_gate(run_id, answer)
    return runtime.wait_for(run_id, runtime.moved_on(state))


def _finding_titles(view: StepView) -> list[str]:
    properties = form_for(view).model_json_schema()["properties"]
    return [field["title"] for name, field in properties.items() if name.startswith("finding_")]


def _decision(step_id: int) -> tuple[StepStatus, str, str]:
    with session_scope() as session:
        step = session.get_one(ReviewStep, step_id)
        return step.status, session.get_one(Person, step.reviewer_id).account, step.comment


def _resolutions(view: StepView) -> list[FindingResolution]:
    ids = [f.id for f in view.findings_to_decide]
    with session_scope() as session:
        return [f.resolution for f in session.exec(select(Finding).where(col(Finding.id).in_(ids))).all()]


def _attempts(step_id: int) -> list[tuple[AttemptOutcome, str, str]]:
    with session_scope() as session:
        attempts = session.exec(select(ReviewAttempt).where(ReviewAttempt.step_id == step_id)).all()
        return [(a.outcome, a.account, a.reason) for a in attempts]


def _inputs_holding(run_id: UUID, text: str) -> list[str]:
    # _sync: the session's Playwright keeps an event loop running in this thread, and Prefect's helper
    # would otherwise hand back a coroutine.
    stored = filter_flow_run_input("", limit=1000, flow_run_id=run_id, _sync=True)
    return [item.key for item in stored if text in item.value]
