"""``policyflow status``, and what ``submit`` and ``approve`` say when they cannot reach a server."""

from __future__ import annotations

import json
from datetime import timedelta

import pytest
from sqlmodel import select

from models.db import session_scope
from models.deadlines import Deadline
from models.review import ReviewStep
from policyflow.cli import main
from tasks.review import chain_for, eligible_reviewers, open_step
from tests.factories import DEMO_PACKAGE, checked_in_review, submitted


@pytest.fixture
def no_prefect_server(monkeypatch):
    """No Prefect API configured, as on a machine where `policyflow serve` was never started."""
    from prefect.settings import PREFECT_API_URL, temporary_settings

    monkeypatch.setenv("PREFECT_API_URL", "")
    # Also in this process's Prefect settings, which a session server of the flow tests may have set.
    with temporary_settings(restore_defaults={PREFECT_API_URL}):
        yield


def _waiting_step() -> tuple[int, int]:
    ref = checked_in_review()
    with session_scope() as session:
        first = chain_for(session, ref.version_id)[0]
    return ref.document_id, open_step(ref.document_id, ref.version_id, first, "run-abc")


def _age_step(step_id: int, days: int) -> None:
    """Move a step's opening (and its clock) back ``days`` calendar days."""
    with session_scope() as session:
        step = session.get_one(ReviewStep, step_id)
        step.opened_at -= timedelta(days=days)
        clock = session.exec(select(Deadline).where(Deadline.subject_id == step_id)).one()
        clock.start -= timedelta(days=days)
        clock.due -= timedelta(days=days)  # type: ignore[operator]
        session.add_all([step, clock])


def test_status_on_an_empty_database_says_nothing_waits(demo_db, capsys):
    assert main(["status"]) == 0
    printed = capsys.readouterr().out
    assert "documents by status: none" in printed and "no review step is waiting" in printed


def test_status_lists_documents_and_the_waiting_step_with_its_reviewers(demo_db, monkeypatch, capsys):
    monkeypatch.setenv("COLUMNS", "240")  # one table row per line, as on a wide terminal
    submitted()
    _, step_id = _waiting_step()
    assert main(["status"]) == 0
    printed = capsys.readouterr().out
    assert "已报送 1" in printed and "审核中 1" in printed
    assert "部门负责人审定" in printed and "run-abc" in printed
    for account in eligible_reviewers(step_id):
        assert account in printed
    assert "OVERDUE" not in printed


def test_status_json_flags_a_step_waiting_past_its_working_days(demo_db, capsys):
    _, step_id = _waiting_step()
    _age_step(step_id, 14)  # two calendar weeks: at least 8 working days whatever the holidays
    assert main(["status", "--json"]) == 0
    report = json.loads(capsys.readouterr().out)
    [waiting] = report["waiting"]
    assert waiting["step_id"] == step_id and waiting["overdue"] is True
    assert waiting["age_working_days"] >= 8
    assert [o["deadline_id"] for o in report["overdue"]]  # the review clock itself is overdue too


def test_status_text_marks_the_overdue_step(demo_db, monkeypatch, capsys):
    monkeypatch.setenv("COLUMNS", "240")
    _, step_id = _waiting_step()
    _age_step(step_id, 14)
    assert main(["status"]) == 0
    printed = capsys.readouterr().out
    assert "OVERDUE" in printed and "overdue deadline" in printed


def test_submit_without_a_prefect_server_exits_2_and_says_how_to_start_one(
    demo_db, no_prefect_server, capsys
):
    assert main(["submit", str(DEMO_PACKAGE)]) == 2
    err = capsys.readouterr().err
    assert "no Prefect server is configured" in err and "policyflow serve" in err


def test_submit_with_an_unreachable_server_exits_2(demo_db, monkeypatch, capsys):
    monkeypatch.setenv("PREFECT_API_URL", "http://127.0.0.1:9/api")  # the discard port: nothing answers
    from prefect.settings import temporary_settings

    with temporary_settings(updates={"api.url": "http://127.0.0.1:9/api"}):
        assert main(["submit", str(DEMO_PACKAGE)]) == 2
    assert "does not answer" in capsys.readouterr().err


def test_submit_refuses_an_unknown_drafter_before_contacting_any_server(demo_db, tmp_path, capsys):
    manifest = tmp_path / "package.yaml"
    text = DEMO_PACKAGE.read_text(encoding="utf-8")
    drafter = next(line for line in text.splitlines() if line.startswith("drafter:"))
    manifest.write_text(text.replace(drafter, "drafter: nobody"), encoding="utf-8")
    for name in ("policy.txt", "interpretation.md"):
        (tmp_path / name).write_text(
            (DEMO_PACKAGE.parent / name).read_text(encoding="utf-8"), encoding="utf-8"
        )
    assert main(["submit", str(manifest)]) == 2
    assert "nobody" in capsys.readouterr().err


def test_approve_refuses_something_that_is_not_a_run_id(demo_db, no_prefect_server, capsys):
    assert main(["approve", "not-a-run", "--as", "qh_fgj_head"]) == 2
    assert "is not a flow run id" in capsys.readouterr().err


def test_approve_without_a_prefect_server_exits_2(demo_db, no_prefect_server, capsys):
    run_id = "4fc33bdf-b61b-4fd2-a6d5-023d7b9ccc45"
    assert main(["approve", run_id, "--as", "qh_fgj_head", "--secret-stdin"]) == 2
    assert "no Prefect server is configured" in capsys.readouterr().err
