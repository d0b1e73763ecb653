"""``policyflow serve`` as a user runs it: deploys prefect.yaml, runs submissions, stops on Ctrl-C."""

from __future__ import annotations

import json
import signal
import subprocess
import threading
import urllib.request

import pytest

from policyflow.runtime import free_port
from tests.factories import DEMO_PACKAGE
from tests.terminal import POLICYFLOW, fresh_env

pytestmark = pytest.mark.prefect


def _post(url: str, body: dict) -> list[dict]:
    request = urllib.request.Request(
        url, data=json.dumps(body).encode(), headers={"Content-Type": "application/json"}, method="POST"
    )
    with urllib.request.urlopen(request, timeout=10) as response:
        return json.loads(response.read())


@pytest.fixture
def user_env(tmp_path) -> dict[str, str]:
    """A fresh terminal's environment: a data directory of its own and no Prefect settings."""
    env = fresh_env(POLICYFLOW_DATA_DIR=str(tmp_path / "data"))
    subprocess.run([POLICYFLOW, "init", "--demo"], env=env, check=True, capture_output=True)
    return env


def test_serve_deploys_runs_a_submission_from_another_terminal_and_stops_on_ctrl_c(user_env, tmp_path):
    port = free_port()
    serve = subprocess.Popen(
        [POLICYFLOW, "serve", "--port", str(port)],
        env=user_env,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
    )
    lines: list[str] = []
    ready = threading.Event()

    def read() -> None:
        for line in serve.stdout:  # type: ignore[union-attr]
            lines.append(line)
            if "Press Ctrl-C to stop" in line:
                ready.set()

    reader = threading.Thread(target=read, daemon=True)
    reader.start()
    try:
        assert ready.wait(240), "".join(lines)
        api = f"http://127.0.0.1:{port}/api"
        deployed = {d["name"]: d for d in _post(f"{api}/deployments/filter", {})}
        assert set(deployed) == {"submit-policy", "publish-document", "review-overdue"}
        assert {d["work_pool_name"] for d in deployed.values()} == {"policyflow"}
        [schedule] = deployed["review-overdue"]["schedules"]
        assert schedule["schedule"]["timezone"] == "Asia/Shanghai"

        # Another terminal: no PREFECT_API_URL, only the same data directory.
        submitted = subprocess.run(
            [POLICYFLOW, "submit", str(DEMO_PACKAGE), "--wait"],
            env=user_env,
            capture_output=True,
            text=True,
            timeout=300,
        )
        assert submitted.returncode == 0, submitted.stderr
        assert "accepted; waiting at 部门负责人审定" in submitted.stdout

        serve.send_signal(signal.SIGINT)
        assert serve.wait(timeout=120) == 0, "".join(lines)
    finally:
        if serve.poll() is None:
            serve.kill()
        reader.join(timeout=10)
        serve.stdout.close()  # type: ignore[union-attr]
    assert "stopped" in "".join(lines)
    with pytest.raises(OSError):
        urllib.request.urlopen(f"http://127.0.0.1:{port}/api/health", timeout=2)

    # The server is gone and so is its address: commands say how to start one again.
    after = subprocess.run([POLICYFLOW, "status", "--json"], env=user_env, capture_output=True, text=True)
    assert [w["stage"] for w in json.loads(after.stdout)["waiting"]] == ["部门负责人审定"]
    again = subprocess.run(
        [POLICYFLOW, "submit", str(DEMO_PACKAGE)], env=user_env, capture_output=True, text=True
    )
    assert again.returncode == 2 and "no Prefect server is configured" in again.stderr


def test_serve_refuses_a_port_in_use(user_env):
    import socket

    with socket.socket() as busy:
        busy.bind(("127.0.0.1", 0))
        busy.listen()
        port = busy.getsockname()[1]
        result = subprocess.run(
            [POLICYFLOW, "serve", "--port", str(port)], env=user_env, capture_output=True, text=True
        )
    assert result.returncode == 2
    assert f"port {port} on 127.0.0.1 is already in use" in result.stderr
