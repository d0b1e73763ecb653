"""``policyflow serve``: a Prefect server with its UI, the work pool, the deployments and a worker."""

from __future__ import annotations

import os
import signal
import socket
import subprocess
import time
from collections.abc import Callable
from contextlib import suppress
from pathlib import Path
from types import FrameType
from typing import Any

from models.errors import InvalidInput, PolicyflowError
from models.settings import get_settings
from policyflow.runtime import PrefectServer, prefect_executable, stop_process_group

PROJECT_DIR = Path(__file__).resolve().parents[1]
PREFECT_YAML = PROJECT_DIR / "prefect.yaml"
IN_FLIGHT = ["PENDING", "RUNNING", "CANCELLING"]


class Service:
    """Everything `policyflow serve` runs, started in order and stopped in reverse."""

    def __init__(self, port: int, say: Callable[[str], None]) -> None:
        self.port = port
        self.say = say
        self.pool = get_settings().work_pool
        self.server = PrefectServer(port=port, ui=True)
        self.logs = self.server.log_path.parent
        self.worker: subprocess.Popen[bytes] | None = None

    def start(self) -> None:
        """Start the server, create the pool, deploy prefect.yaml and start a worker."""
        if not PREFECT_YAML.is_file():
            raise InvalidInput(
                f"no prefect.yaml at {PREFECT_YAML}",
                "Run policyflow from its source checkout, or deploy with `prefect deploy --all` yourself.",
            )
        if _port_taken(self.port):
            raise InvalidInput(
                f"port {self.port} on 127.0.0.1 is already in use (is `policyflow serve` running?)",
                "Stop the other server, or choose another port with --port.",
            )
        self._prepare_fonts()
        self.say(f"starting the Prefect server on 127.0.0.1:{self.port} (log: {self.server.log_path})")
        self.server.start()
        try:
            self._ensure_pool()
            self.say(f"deploying prefect.yaml to the work pool {self.pool!r}")
            self._deploy()
            self.worker = self._start_worker()
            _remember_api_url(self.server.api_url)
        except BaseException:
            self.stop()
            raise

    def _prepare_fonts(self) -> None:
        # Converted now, not by the first publication: that would take half a minute longer, once.
        from tasks.fonts import prepare_fonts

        self.say("preparing fonts (the first time converts FangSong and the title font, about 30 s)")
        try:
            prepare_fonts()
        except PolicyflowError as exc:  # review works without fonts; publishing will say the same again
            self.say(f"warning: documents cannot be published yet: {exc}")

    def wait(self) -> None:
        """Block until Ctrl-C or SIGTERM, or until the server or the worker dies."""
        # SIGINT explicitly too: a serve started in the background inherits an ignored SIGINT.
        previous = {sig: signal.signal(sig, _interrupt) for sig in (signal.SIGINT, signal.SIGTERM)}
        try:
            while True:
                for name, process in (("Prefect server", self.server.process), ("worker", self.worker)):
                    if process is not None and process.poll() is not None:
                        raise InvalidInput(
                            f"the {name} stopped unexpectedly (exit {process.returncode})",
                            f"See the logs in {self.logs}.",
                        )
                time.sleep(0.5)
        except KeyboardInterrupt:
            self.say("stopping…")
        finally:
            for sig, handler in previous.items():
                signal.signal(sig, handler)

    def stop(self) -> None:
        """Let running flows reach a gate or finish (bounded), then stop the worker and the server."""
        _forget_api_url(self.server.api_url)
        if self.worker is not None and self.worker.poll() is None:
            try:
                self._drain()
            except KeyboardInterrupt:
                self.say("stopping now; runs in flight will be marked crashed and can be retried")
            stop_process_group(self.worker, timeout=30)
        self.server.stop()

    def _drain(self, seconds: float = 120) -> None:
        # A run killed mid-task would be marked crashed; a run at a review gate is already safe in the
        # database. Give runs in flight a bounded time to get there.
        from prefect.client.orchestration import get_client
        from prefect.client.schemas.filters import (
            FlowRunFilter,
            FlowRunFilterState,
            FlowRunFilterStateType,
        )

        state_filter = FlowRunFilter(
            state=FlowRunFilterState(type=FlowRunFilterStateType(any_=IN_FLIGHT))  # type: ignore[arg-type]
        )
        deadline = time.monotonic() + seconds
        announced = False
        with get_client(sync_client=True) as client:
            while time.monotonic() < deadline:
                busy = client.read_flow_runs(flow_run_filter=state_filter, limit=50)
                if not busy:
                    return
                if not announced:
                    self.say(
                        f"waiting for {len(busy)} flow run(s) to reach a gate or finish (Ctrl-C to stop now)"
                    )
                    announced = True
                time.sleep(0.5)

    def _ensure_pool(self) -> None:
        from prefect.client.orchestration import get_client
        from prefect.client.schemas.actions import WorkPoolCreate
        from prefect.exceptions import ObjectAlreadyExists

        # A pool kept from an earlier serve on the same Prefect home is reused.
        with get_client(sync_client=True) as client, suppress(ObjectAlreadyExists):
            client.create_work_pool(WorkPoolCreate(name=self.pool, type="process"))

    def _deploy(self) -> None:
        result = subprocess.run(
            [prefect_executable(), "--no-prompt", "deploy", "--all", "--pool", self.pool],
            cwd=PROJECT_DIR,
            capture_output=True,
            env=os.environ.copy(),
        )
        log = self.logs / "deploy.log"
        log.write_bytes(result.stdout + result.stderr)
        if result.returncode != 0:
            raise InvalidInput(f"`prefect deploy --all` failed; see {log}")

    def _start_worker(self) -> subprocess.Popen[bytes]:
        log = self.logs / "worker.log"
        self.say(f"starting a process worker on {self.pool!r} (log: {log})")
        with log.open("ab") as sink:
            return subprocess.Popen(
                [prefect_executable(), "worker", "start", "--pool", self.pool, "--type", "process"],
                stdout=sink,
                stderr=subprocess.STDOUT,
                start_new_session=True,  # Ctrl-C reaches serve only; it stops the worker in order
                env=os.environ.copy(),
            )


def deployments() -> list[dict[str, Any]]:
    """The deployments prefect.yaml declares."""
    import yaml

    return list(yaml.safe_load(PREFECT_YAML.read_text(encoding="utf-8"))["deployments"])


def _interrupt(signum: int, frame: FrameType | None) -> None:
    raise KeyboardInterrupt


def _port_taken(port: int) -> bool:
    with socket.socket() as sock:
        return sock.connect_ex(("127.0.0.1", port)) == 0


def _remember_api_url(url: str) -> None:
    # Stored in the Prefect profile under this data directory's PREFECT_HOME, so `policyflow submit`,
    # `approve` and `prefect` itself find the server from any terminal without an export.
    from prefect.settings import PREFECT_API_URL
    from prefect.settings.profiles import update_current_profile

    update_current_profile({PREFECT_API_URL: url})


def _forget_api_url(url: str) -> None:
    from prefect.settings import PREFECT_API_URL
    from prefect.settings.profiles import load_current_profile, update_current_profile

    if load_current_profile().settings.get(PREFECT_API_URL) == url:
        update_current_profile({PREFECT_API_URL: None})
