"""The demo lifecycle: 青禾县 submits a policy, it is returned once, then every reviewer signs off."""

from __future__ import annotations

import os
import shutil
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Any
from uuid import UUID

from rich.console import Console

from models.db import dispose_engines, session_scope
from models.errors import InvalidInput
from models.settings import get_settings
from tasks.organisation import DEMO_SECRET
from tasks.packages import load_package
from tasks.setup import ensure_database, initialise

PACKAGE = Path(__file__).resolve().parent / "package.yaml"
MARKER = ".policyflow-demo"


@dataclass(frozen=True)
class DemoResult:
    """What the demo produced."""

    document_id: int
    outcome: str
    directory: Path


def use_directory(directory: Path) -> None:
    """Make ``directory`` the demo's own data directory (database, Prefect home, outputs)."""
    directory = directory.resolve()
    if directory.exists() and any(directory.iterdir()) and not (directory / MARKER).exists():
        raise InvalidInput(
            f"{directory} is not empty and holds no earlier demo",
            "Choose an empty or new directory with --out.",
        )
    shutil.rmtree(directory, ignore_errors=True)
    directory.mkdir(parents=True)
    (directory / MARKER).write_text("made by `policyflow demo`; safe to delete\n", encoding="utf-8")
    os.environ["POLICYFLOW_DATA_DIR"] = str(directory / "data")
    os.environ["POLICYFLOW_OUTPUT_DIR"] = str(directory / "output")
    os.environ["PREFECT_HOME"] = str(directory / "prefect")
    os.environ.pop("POLICYFLOW_DATABASE_URL", None)
    os.environ.pop("PREFECT_API_URL", None)
    dispose_engines()
    get_settings.cache_clear()
    ensure_database.cache_clear()


def run_demo(directory: Path, console: Console) -> DemoResult:
    """Run the whole demo lifecycle on the embedded default and report each step."""
    from policyflow import runtime

    use_directory(directory)
    initialise(demo=True)
    console.print(f"[bold]demo county 青禾县[/] ready in {directory}")
    with console.status("preparing fonts (the first time converts FangSong and the title font, about 30 s)…"):
        from tasks.fonts import prepare_fonts

        prepare_fonts()
    server = runtime.PrefectServer(log_path=directory / "prefect-server.log")
    with console.status("starting a local Prefect server…"):
        server.start()
    try:
        console.print(f"Prefect API at {server.api_url} (log: {server.log_path})")
        with runtime.InProcessRunner(poll_seconds=0.5):
            first = _submit(console, forms=["文字解读", "简明问答"])
            document_id = _document_of(first)
            second = _submit(console, resubmits=document_id)
            outcome = _review(console, second)
    finally:
        server.stop()
    return DemoResult(document_id, outcome, directory.resolve())


def _parameters(**changes: Any) -> dict[str, Any]:
    package = load_package(PACKAGE)
    interpretation = package.interpretation.text if package.interpretation else ""
    plan = package.manifest.interpretation.model_dump(mode="json")
    if "forms" in changes:
        plan["forms"] = changes.pop("forms")
    return (
        package.manifest.model_dump(mode="json")
        | {
            "policy_text": package.policy.text,
            "interpretation_text": interpretation,
            "interpretation": plan,
        }
        | changes
    )


def _submit(console: Console, **changes: Any) -> UUID:
    from policyflow import runtime
    from tasks.intake import returned_reasons

    resubmitting = "resubmits" in changes
    run_id = runtime.start_submission(_parameters(**changes))
    console.print(
        f"\n[bold]{'重新报送' if resubmitting else '报送'}[/] 发改局 张伟 (fgj.zhangwei) — flow run {run_id}"
    )
    with console.status("automated checks…"):
        state = runtime.wait_for(run_id, runtime.settled)
    if state.result == "已退文":
        console.print("[yellow]退文[/] (returned to the drafter):")
        for reason in returned_reasons(str(run_id)):
            console.print(f"  • {reason}", markup=False)
    return run_id


def _review(console: Console, run_id: UUID) -> str:
    from policyflow import runtime
    from tasks.review import eligible_reviewers, step_view

    state, tried_wrong_secret = runtime.wait_for(run_id, runtime.settled), False
    while state.state == "PAUSED":
        step_id = runtime.waiting_step(state)
        view, reviewer = step_view(step_id), eligible_reviewers(step_id)[0]
        secret = DEMO_SECRET if tried_wrong_secret else "a-mistyped-secret"
        label = f"{view.stage.label}" + (f" 第{view.level}级" if view.stage == "secrecy" else "")
        started = time.monotonic()
        runtime.answer_gate(run_id, runtime.form_input(view, reviewer, secret, comment="同意"))
        with console.status(f"{label}: {reviewer} decides…"):
            state = runtime.wait_for(run_id, runtime.moved_on(state))
        if not tried_wrong_secret:
            console.print(
                f"  {label}: {reviewer} typed a wrong secret — [red]refused[/], recorded, asked again"
            )
            tried_wrong_secret = True
            continue
        console.print(f"  {label}: {reviewer} [green]同意[/] ({time.monotonic() - started:.1f} s)")
    if state.state != "COMPLETED":
        raise InvalidInput(f"the demo run ended {state.state}: {state.message}")
    return state.result or ""


def _document_of(run_id: UUID) -> int:
    from sqlmodel import select

    from models.documents import DocumentVersion

    with session_scope() as session:
        version = session.exec(
            select(DocumentVersion).where(DocumentVersion.submission_run_id == str(run_id))
        ).one()
    return version.document_id
