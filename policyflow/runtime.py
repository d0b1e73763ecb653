"""The embedded default: a local Prefect API and an in-process runner, and driving runs through the API."""

from __future__ import annotations

import asyncio
import contextvars
import os
import shutil
import signal
import socket
import subprocess
import sys
import threading
import time
import urllib.request
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any
from uuid import UUID

from models.errors import InvalidInput, NotFound
from models.settings import get_settings
from tasks.review import StepView

if TYPE_CHECKING:
    from prefect import Flow

SUBMIT_DEPLOYMENT = "submit-policy/submit-policy"

# Several Prefect calls (Runner.add_flow, run_deployment, resume_flow_run, State.result) return an
# un-awaited coroutine when the calling thread has a running event loop: a notebook, or Playwright's sync
# API in the tests. This module is synchronous, so each such call passes `_sync=True`.


def prepare_prefect_environment() -> None:
    """Point Prefect at the data directory and keep it off the network, unless already configured."""
    os.environ.setdefault("PREFECT_HOME", str(get_settings().data_dir / "prefect"))
    os.environ.setdefault("PREFECT_SERVER_ANALYTICS_ENABLED", "false")  # no telemetry from an offline office
    os.environ.setdefault("PREFECT_LOGGING_LEVEL", "WARNING")
    # Never fall back to a hidden temporary server: without a configured API, say so instead.
    os.environ.setdefault("PREFECT_SERVER_EPHEMERAL_ENABLED", "false")


def require_api() -> str:
    """The configured Prefect API URL, checked to answer; InvalidInput says how to get one."""
    from prefect.client.orchestration import get_client
    from prefect.settings import get_current_settings

    url = get_current_settings().api.url
    if not url:
        raise InvalidInput(
            "no Prefect server is configured",
            "Start one with `policyflow serve` in another terminal, or set PREFECT_API_URL.",
        )
    with get_client(sync_client=True) as client:
        problem = client.api_healthcheck()
    if problem is not None:
        raise InvalidInput(
            f"the Prefect server at {url} does not answer ({problem})",
            "Start it with `policyflow serve`, or correct PREFECT_API_URL.",
        )
    return url


class PrefectServer:
    """A Prefect server on 127.0.0.1 (API, and the UI when asked), logging to a file; stops cleanly."""

    def __init__(self, port: int | None = None, ui: bool = False, log_path: Path | None = None) -> None:
        prepare_prefect_environment()
        self.port = port or free_port()
        self.ui = ui
        self.log_path = log_path or Path(os.environ["PREFECT_HOME"]) / "server.log"
        self.process: subprocess.Popen[bytes] | None = None
        self._previous_url: str | None = None
        self._settings: Any = None

    @property
    def api_url(self) -> str:
        """The API address clients and runs use."""
        return f"http://127.0.0.1:{self.port}/api"

    @property
    def ui_url(self) -> str:
        """The address of the Prefect UI."""
        return f"http://127.0.0.1:{self.port}"

    def start(self, timeout: float = 90) -> None:
        """Start the server and wait until its API answers."""
        self.log_path.parent.mkdir(parents=True, exist_ok=True)
        command = [
            prefect_executable(),
            "server",
            "start",
            "--host",
            "127.0.0.1",
            "--port",
            str(self.port),
            "--ui" if self.ui else "--no-ui",
            "--analytics-off",
        ]
        with self.log_path.open("ab") as log:
            self.process = subprocess.Popen(
                command,
                stdout=log,
                stderr=subprocess.STDOUT,
                start_new_session=True,
                # `--port` does not reach the server's settings, and the UI is told its API address from
                # them: without the port here the pages call the default port 4200 and show nothing.
                env={
                    **os.environ,
                    "PREFECT_API_URL": "",
                    "PREFECT_SERVER_API_HOST": "127.0.0.1",
                    "PREFECT_SERVER_API_PORT": str(self.port),
                },
            )
        deadline = time.monotonic() + timeout
        while not _answers(f"{self.api_url}/health"):
            if self.process.poll() is not None or time.monotonic() > deadline:
                self.stop()
                raise InvalidInput(f"the Prefect server did not start; see {self.log_path}")
            time.sleep(0.2)
        self._previous_url = os.environ.get("PREFECT_API_URL")
        os.environ["PREFECT_API_URL"] = self.api_url  # for processes started from here on
        # Prefect reads its settings once, at import: point this process's settings at the server too.
        from prefect.settings import temporary_settings

        self._settings = temporary_settings(
            updates={"api.url": self.api_url, "server.ephemeral.enabled": False}
        )
        self._settings.__enter__()

    def stop(self) -> None:
        """Stop the server (its whole process group) and restore the previous API setting."""
        if self._settings is not None:
            self._settings.__exit__(None, None, None)
            self._settings = None
        if self.process is not None and self.process.poll() is None:
            stop_process_group(self.process, timeout=20)
        if os.environ.get("PREFECT_API_URL") == self.api_url:
            if self._previous_url is None:
                os.environ.pop("PREFECT_API_URL", None)
            else:
                os.environ["PREFECT_API_URL"] = self._previous_url

    def __enter__(self) -> PrefectServer:
        self.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self.stop()


def stop_process_group(process: subprocess.Popen[bytes], timeout: float) -> None:
    """SIGTERM a process started in its own session, with its children; SIGKILL after ``timeout`` s."""
    os.killpg(process.pid, signal.SIGTERM)
    try:
        process.wait(timeout=timeout)
    except subprocess.TimeoutExpired:
        os.killpg(process.pid, signal.SIGKILL)
        process.wait()


def prefect_executable() -> str:
    beside = Path(sys.executable).with_name("prefect")  # the one installed with policyflow
    return str(beside) if beside.exists() else shutil.which("prefect") or "prefect"


def free_port() -> int:
    """A TCP port on 127.0.0.1 that nothing listens on right now."""
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def _answers(url: str) -> bool:
    try:
        with urllib.request.urlopen(url, timeout=2) as response:
            return bool(response.status == 200)
    except OSError:
        return False


class InProcessRunner:
    """A Prefect runner serving policyflow's deployments from a background thread of this process."""

    def __init__(self, poll_seconds: float = 1.0, flows: Sequence[Flow[Any, Any]] = ()) -> None:
        self.poll_seconds = poll_seconds
        self.flows = list(flows)  # served besides policyflow's own, e.g. a benchmark's baseline flow
        self._loop: asyncio.AbstractEventLoop | None = None
        self._thread: threading.Thread | None = None
        self._runner: Any = None

    def __enter__(self) -> InProcessRunner:
        from prefect.runner import Runner

        from flows import DEPLOYED_FLOWS

        self._runner = Runner(name="policyflow-local", query_seconds=self.poll_seconds, limit=None)
        for deployed in [*DEPLOYED_FLOWS, *self.flows]:
            self._runner.add_flow(deployed, name=deployed.name, _sync=True)
        self._loop = asyncio.new_event_loop()
        # Threads do not inherit context variables; the runner must see this thread's Prefect settings.
        context = contextvars.copy_context()
        self._thread = threading.Thread(
            target=context.run,
            args=(self._loop.run_until_complete, self._runner.start()),
            name="policyflow-runner",
            daemon=True,
        )
        self._thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        if self._loop is not None and self._runner is not None:
            while not self._runner.started and self._thread and self._thread.is_alive():
                time.sleep(0.05)
            self.drain()
            asyncio.run_coroutine_threadsafe(self._runner.astop(), self._loop).result(timeout=30)
        if self._thread is not None:
            self._thread.join(timeout=30)
        if self._loop is not None and not self._loop.is_running():
            self._loop.close()

    def drain(self, seconds: float = 60) -> None:
        """Wait (at most ``seconds``) until no flow-run process is in flight."""
        # Prefect's runner cancels every run whose process it still tracks when it stops, and a run that
        # has just suspended keeps its process for a moment while it exits: stopping then would cancel a
        # run that is only waiting for a reviewer.
        deadline = time.monotonic() + seconds
        while self._runner._process_manager.flow_run_ids() and time.monotonic() < deadline:
            time.sleep(0.1)


def start_submission(parameters: dict[str, Any]) -> UUID:
    """Create a run of submit-policy with these parameters; returns its id at once."""
    from prefect.deployments import run_deployment

    run = run_deployment(  # type: ignore[call-arg]  # _sync is taken by Prefect's dispatcher
        SUBMIT_DEPLOYMENT, parameters={"package": parameters}, timeout=0, _sync=True
    )
    return run.id  # type: ignore[union-attr]  # the sync call returns a FlowRun, not a coroutine


@dataclass(frozen=True)
class RunState:
    """Where a flow run stands, as the API reports it."""

    run_id: UUID
    state: str  # e.g. "PAUSED", "COMPLETED", "FAILED"
    name: str
    pause_key: str | None
    result: str | None
    message: str


def run_state(run_id: UUID) -> RunState:
    """The run's current state; its result when completed."""
    from prefect.client.orchestration import get_client

    with get_client(sync_client=True) as client:
        run = client.read_flow_run(run_id)
    state = run.state
    if state is None:
        return RunState(run_id, "PENDING", "", None, None, "")
    result = None
    if state.is_completed():
        result = state.result(raise_on_failure=False, _sync=True)  # type: ignore[call-overload]
    return RunState(
        run_id,
        state.type.value,
        state.name or "",
        state.state_details.pause_key,
        result if isinstance(result, str) else None,
        state.message or "",
    )


def wait_for(run_id: UUID, until: Callable[[RunState], bool], timeout: float = 300) -> RunState:
    """Poll the run until ``until`` holds; InvalidInput if it does not within ``timeout`` seconds."""
    deadline = time.monotonic() + timeout
    while True:
        current = run_state(run_id)
        if until(current):
            return current
        if time.monotonic() > deadline:
            raise InvalidInput(f"flow run {run_id} is still {current.state} after {timeout:.0f} s")
        time.sleep(0.25)


def settled(state: RunState) -> bool:
    """Waiting for a person, or finished."""
    return state.state in {"PAUSED", "COMPLETED", "FAILED", "CRASHED", "CANCELLED"}


def moved_on(previous: RunState) -> Callable[[RunState], bool]:
    """A wait condition: settled again somewhere other than the gate ``previous`` was waiting at."""
    return lambda state: settled(state) and (state.state != "PAUSED" or state.pause_key != previous.pause_key)


def answer_gate(run_id: UUID, run_input: dict[str, Any]) -> None:
    """Resume a run waiting at a review gate with a reviewer's answer."""
    from prefect.exceptions import ObjectNotFound
    from prefect.flow_runs import resume_flow_run

    try:
        resume_flow_run(run_id, run_input=run_input, _sync=True)  # type: ignore[call-arg]
    except ObjectNotFound:
        raise NotFound(f"no flow run {run_id}") from None
    except RuntimeError as exc:  # NotPausedError and rejected resumes
        raise InvalidInput(f"flow run {run_id} cannot take an answer now: {exc}") from None


def form_input(
    view: StepView,
    account: str,
    secret: str,
    decision: str = "同意",
    comment: str = "",
    finding_choice: str = "已核实，可以公开",
) -> dict[str, Any]:
    """The Resume input a reviewer sends for a step: decision, identity, and a choice per open finding."""
    values: dict[str, Any] = {"decision": decision, "account": account, "secret": secret, "comment": comment}
    values.update({f"finding_{f.id}": finding_choice for f in view.findings_to_decide})
    return values


def waiting_step(state: RunState) -> int:
    """The review step a paused run is waiting on."""
    from flows.review import parse_gate_key

    if state.state != "PAUSED" or not state.pause_key:
        raise InvalidInput(f"flow run {state.run_id} is {state.state}, not waiting for a reviewer")
    return parse_gate_key(state.pause_key)[0]
