"""``policyflow status``, ``submit`` and ``approve``: the lifecycle from a terminal."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Annotated, Any
from uuid import UUID

import typer
from rich.markdown import Markdown
from rich.table import Table
from sqlmodel import select

from models.db import session_scope
from models.enums import AttemptOutcome, Decision
from models.errors import InvalidInput
from models.lifecycle import Status
from models.review import ReviewAttempt
from policyflow.cli.output import emit_json, err, out
from tasks.intake import returned_reasons
from tasks.organisation import actor_for, department_by_name
from tasks.packages import load_package
from tasks.review import step_view
from tasks.review_views import review_step_markdown
from tasks.setup import ensure_database
from tasks.status import StatusReport, status_report

JsonFlag = Annotated[bool, typer.Option("--json", help="Print JSON.")]
CHOICES = {"cleared": "已核实，可以公开", "must_fix": "必须修改"}


def register(app: typer.Typer) -> None:
    """Attach these commands to the main CLI."""
    app.command("status")(status)
    app.command("submit")(submit)
    app.command("approve")(approve)
    app.command("demo")(demo)
    app.command("serve")(serve)


def status(as_json: JsonFlag = False) -> None:
    """Documents by status, review steps waiting (age in working days) and overdue deadlines."""
    ensure_database()
    report = status_report()
    if as_json:
        emit_json(_report_json(report))
        return
    counts = "、".join(f"{Status(k).label} {v}" for k, v in report.counts.items()) or "none"
    out.print(f"{report.today}: documents by status: {counts}")
    _print_waiting(report)
    for late in report.overdue:
        out.print(
            f"[red]overdue[/] deadline {late.deadline_id} {late.kind} {late.description}: due {late.due}"
        )


def _print_waiting(report: StatusReport) -> None:
    if not report.waiting:
        out.print("no review step is waiting")
        return
    table = Table("document", "step", "reviewers", "waiting since", "working days", "due", "flow run")
    for s in report.waiting:
        age = "calendar missing" if s.age_working_days is None else str(s.age_working_days)
        table.add_row(
            f"{s.document_id} {s.title}",
            f"{s.stage} L{s.level} ({s.role})",
            "、".join(s.reviewers),
            str(s.opened_on),
            f"[red]{age} OVERDUE[/]" if s.overdue else age,
            str(s.due),
            s.flow_run_id,
        )
    out.print(table)


def _report_json(report: StatusReport) -> dict[str, Any]:
    return {
        "today": report.today,
        "counts": report.counts,
        "documents": [d.__dict__ for d in report.documents],
        "waiting": [w.__dict__ for w in report.waiting],
        "overdue": [o.__dict__ for o in report.overdue],
    }


def submit(
    package: Annotated[Path, typer.Argument(help="The package manifest (package.yaml).")],
    resubmits: Annotated[
        int | None, typer.Option(help="Document id, when resubmitting after 退文/退回.")
    ] = None,
    wait: Annotated[bool, typer.Option("--wait", help="Wait for the checks and report the outcome.")] = False,
) -> int:
    """Start submit-policy for a package on the Prefect server (see `policyflow serve`)."""
    ensure_database()
    loaded = load_package(package)
    with session_scope() as session:  # refuse typos here rather than in a failed run
        actor_for(session, loaded.manifest.drafter)
        department_by_name(session, loaded.manifest.department)
    parameters = loaded.manifest.model_dump(mode="json") | {
        "policy_text": loaded.policy.text,
        "policy_file": loaded.manifest.policy_file,
        "interpretation_text": loaded.interpretation.text if loaded.interpretation else "",
        "resubmits": resubmits,
    }
    run_id = _runtime().start_submission(parameters)
    out.print(f"submitted: flow run {run_id}")
    if not wait:
        return 0
    return _report_run(run_id)


def approve(
    run_id: Annotated[str, typer.Argument(help="The flow run waiting for you (see `policyflow status`).")],
    account: Annotated[str, typer.Option("--as", help="Your account.")],
    decision: Annotated[Decision | None, typer.Option(help="同意 or 退回修改 (asked if not given).")] = None,
    comment: Annotated[str | None, typer.Option(help="Your comment (required for 退回修改).")] = None,
    finding: Annotated[
        list[str] | None, typer.Option(help="ID=cleared or ID=must_fix, once per finding.")
    ] = None,
    secret_stdin: Annotated[bool, typer.Option("--secret-stdin", help="Read the secret from stdin.")] = False,
) -> int:
    """Give your decision on the review step a run is waiting for, as on the Resume form."""
    ensure_database()
    flow_run_id = _uuid(run_id)
    runtime = _runtime()
    state = runtime.run_state(flow_run_id)
    step_id = runtime.waiting_step(state)
    view = step_view(step_id)
    out.print(Markdown(review_step_markdown(view)))
    chosen = _finding_choices(view.findings_to_decide, finding or [])
    decision = decision or Decision(typer.prompt("审核意见 (同意/退回修改)", default="同意"))
    comment = comment if comment is not None else typer.prompt("意见说明", default="", show_default=False)
    secret = sys.stdin.readline().rstrip("\n") if secret_stdin else typer.prompt("审批密码", hide_input=True)
    values = runtime.form_input(view, account, secret, str(decision), comment)
    values.update({f"finding_{fid}": CHOICES[choice] for fid, choice in chosen.items()})
    runtime.answer_gate(state.run_id, values)
    return _outcome(step_id, state, runtime)


def _finding_choices(findings: list[Any], given: list[str]) -> dict[int, str]:
    chosen: dict[int, str] = {}
    for item in given:
        fid, _, choice = item.partition("=")
        if not fid.isdigit() or choice not in CHOICES:
            raise InvalidInput(f"--finding {item!r} should be ID=cleared or ID=must_fix")
        chosen[int(fid)] = choice
    for f in findings:
        if f.id not in chosen:
            chosen[f.id] = typer.prompt(f"finding {f.id} 「{f.text}」 (cleared/must_fix)", default="cleared")
            if chosen[f.id] not in CHOICES:
                raise InvalidInput(f"answer cleared or must_fix for finding {f.id}")
    return chosen


def _outcome(step_id: int, state: Any, runtime: Any) -> int:
    key = state.pause_key
    try:
        runtime.wait_for(state.run_id, runtime.moved_on(state), timeout=120)
    except InvalidInput:
        out.print(
            "answer stored; the run continues when a worker picks it up (is `policyflow serve` running?)"
        )
        return 0
    with session_scope() as session:
        attempt = session.exec(
            select(ReviewAttempt).where(ReviewAttempt.step_id == step_id, ReviewAttempt.input_key == key)
        ).first()
    if attempt is None:
        err.print("the run moved on without recording this answer; check `policyflow status`")
        return 1
    if attempt.outcome == AttemptOutcome.REFUSED:
        err.print(f"refused: {attempt.reason}; the step is still waiting", markup=False)
        return 2
    out.print(f"recorded: {attempt.outcome}")
    return 0


def _report_run(run_id: UUID) -> int:
    runtime = _runtime()
    final = runtime.wait_for(run_id, runtime.settled, timeout=600)
    if final.state == "PAUSED":
        view = step_view(runtime.waiting_step(final))
        out.print(f"accepted; waiting at {view.stage.label} (level {view.level}) for {view.role.label}")
        return 0
    if final.result == "已退文":
        out.print("returned (退文):")
        for number, reason in enumerate(returned_reasons(str(run_id)), 1):
            out.print(f"  {number}. {reason}", markup=False)
        return 1
    out.print(f"flow run {final.state}: {final.result or final.message}")
    return 0 if final.state == "COMPLETED" else 1


def _uuid(value: str) -> UUID:
    try:
        return UUID(value)
    except ValueError:
        raise InvalidInput(f"{value!r} is not a flow run id (a UUID, as `policyflow status` shows)") from None


def _runtime() -> Any:
    """The runtime module, with a clear error when no Prefect server is configured or reachable."""
    from policyflow import runtime

    runtime.prepare_prefect_environment()
    runtime.require_api()
    return runtime


def demo(
    out_dir: Annotated[
        Path, typer.Option("--out", help="Directory for the demo's database and outputs.")
    ] = Path("policyflow-demo"),
) -> None:
    """Run the whole lifecycle for 青禾县 on the embedded default (nothing else to start)."""
    from models.audit import verify_chain
    from policyflow.demo.script import run_demo

    result = run_demo(out_dir, out)
    from models.publication import Publication

    with session_scope() as session:
        chain = verify_chain(session)
        published = session.exec(
            select(Publication).where(Publication.document_id == result.document_id)
        ).first()
    number = f" {published.doc_number}" if published else ""
    out.print(f"\n[bold]document {result.document_id}{number}: {result.outcome}[/]")
    out.print(f"audit log: {chain.rows_checked} rows, {'intact' if chain.intact else 'BROKEN'}")
    out.print(f"database: {result.directory / 'data' / 'policyflow.db'}")
    out.print(f"outputs:  {result.directory / 'output'}")
    if published:
        for f in published.files:
            out.print(f"  {f['role']}: {f['path']}", markup=False)
        out.print(f"portal:   {result.directory / 'output' / 'portal' / 'index.html'}")
    out.print(f"see it again: POLICYFLOW_DATA_DIR={result.directory / 'data'} policyflow status")


def serve(
    port: Annotated[int, typer.Option(help="Port of the Prefect UI and API on 127.0.0.1.")] = 4200,
) -> None:
    """Start the Prefect server and UI, the work pool, the deployments and a worker; Ctrl-C stops them."""
    from policyflow.serving import Service, deployments

    ensure_database()
    service = Service(port, lambda line: out.print(line, markup=False))
    service.start()
    try:
        out.print(f"\n[bold]policyflow is serving[/]: open {service.server.ui_url}")
        for deployment in deployments():
            out.print(f"  deployment {deployment['name']}: {deployment['description']}", markup=False)
        out.print(
            "Submit: Deployments → submit-policy → Run, or `policyflow submit package.yaml` in another terminal."
        )
        out.print("Approve: open the waiting run → Resume, or `policyflow approve RUN_ID --as ACCOUNT`.")
        if not _has_people():
            out.print(
                "[yellow]No people are registered yet[/]: load your organisation with "
                "`policyflow org load FILE` (or `policyflow init --demo` to try 青禾县)."
            )
        out.print("Press Ctrl-C to stop.")
        service.wait()
    finally:
        service.stop()
    out.print("stopped")


def _has_people() -> bool:
    from models.organisation import Person

    with session_scope() as session:
        return session.exec(select(Person.id)).first() is not None
