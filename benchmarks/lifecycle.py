"""Benchmark: packages through the whole lifecycle on a local Prefect server, against a bare Prefect floor.

policyflow: N copies of the demo package (distinct titles) are submitted to submit-policy at once, and a
script answers every review gate as soon as it opens, until each is published. The floor: a bare
Prefect flow with the same number of suspend/resume gates (counted from the policyflow runs) and no
work, N runs at once, answered by the same loop on the same server and runner. Both run in one
throwaway data directory, after an untimed warm-up run. Prints packages/minute for each and the ratio
of their wall times (target: policyflow <= 1.5x the floor), the time until every package was signed
(publication excluded), per-gate latency, and CPU seconds per package by process: on a shared machine
CPU varies far less than wall time. Exits 1 when the target is missed. Run from the project root:

    .venv/bin/python benchmarks/lifecycle.py [--packages 5] [--poll-seconds 0.5]
"""

# The runner starts every flow run in a spawned process, which re-imports this script: only the
# standard library and Prefect are imported at module level, so the floor's runs never pay for
# importing policyflow. policyflow's own runs import it anyway (they load flows.submission).
from __future__ import annotations

import argparse
import os
import resource
import statistics
import sys
import tempfile
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import Any
from uuid import UUID

from prefect import flow
from prefect.flow_runs import suspend_flow_run
from prefect.input import RunInput

TARGET_RATIO = 1.5
FINISHED = {"COMPLETED", "FAILED", "CRASHED", "CANCELLED"}
PACKAGE = Path(__file__).resolve().parents[1] / "policyflow" / "demo" / "package.yaml"
SWEEP_SECONDS = 0.1  # how often the driver reads every run's state (one API call for all of them)
STRANDED_SECONDS = 60  # a gate that refuses answers this long will never take one


class Nod(RunInput):
    """The floor's gate input: one field and nothing to check."""

    approved: bool = True


@flow(name="bare-gates", persist_result=True)
def bare_gates(gates: int) -> str:
    """The floor: ``gates`` suspend/resume gates one after another, and no work."""
    for gate in range(1, gates + 1):
        suspend_flow_run(wait_for_input=Nod, key=f"gate-{gate}", timeout=None)
    return "done"


@dataclass
class Tracked:
    """One run as the driver sees it: when it started, each gate it opened, when it finished."""

    run_id: UUID
    started: float
    gates_opened: list[float] = field(default_factory=list)
    answered: list[float] = field(default_factory=list)
    opened_key: str | None = None
    answered_key: str | None = None
    finished: float = 0.0
    outcome: str = ""
    refused: str = ""  # why the last answer was not taken, if it was not
    refused_since: float = 0.0
    refusals: list[float] = field(default_factory=list)  # seconds each gate refused answers before taking one

    def gate_latencies(self) -> list[float]:
        """Seconds from each answer until the run waited at its next gate (the last: until it finished)."""
        ends = [*self.gates_opened[1:], self.finished]
        return [end - answered for answered, end in zip(self.answered, ends, strict=True)]


@dataclass(frozen=True)
class CpuUse:
    """CPU seconds used so far by finished flow-run processes (children of this one), the Prefect
    server's process group, the runner (this process's other threads) and the driver (this thread)."""

    flow_runs: float
    server: float
    runner: float
    driver: float

    @classmethod
    def now(cls, server_pid: int) -> CpuUse:
        """The current totals."""
        children, own = resource.getrusage(resource.RUSAGE_CHILDREN), resource.getrusage(resource.RUSAGE_SELF)
        driver = time.thread_time()
        return cls(
            children.ru_utime + children.ru_stime,
            _group_cpu(server_pid),
            own.ru_utime + own.ru_stime - driver,
            driver,
        )

    @property
    def total(self) -> float:
        """All of it."""
        return self.flow_runs + self.server + self.runner + self.driver

    def __sub__(self, other: CpuUse) -> CpuUse:
        return CpuUse(
            self.flow_runs - other.flow_runs,
            self.server - other.server,
            self.runner - other.runner,
            self.driver - other.driver,
        )


@dataclass(frozen=True)
class Measurement:
    """One side of the comparison."""

    label: str
    started_at: float  # time.time() at the start, to compare with the audit log
    seconds: float
    runs: list[Tracked]
    cpu: CpuUse
    load: tuple[float, float]  # one-minute load average at the start and the end
    locked: int  # "database is locked" errors the Prefect server (on SQLite) logged meanwhile

    @property
    def per_minute(self) -> float:
        """Packages (runs) completed per minute of wall time."""
        return len(self.runs) * 60 / self.seconds

    @property
    def gates(self) -> int:
        """Gates each run passed (the same for every run, checked)."""
        counts = {len(run.answered) for run in self.runs}
        if len(counts) != 1:
            raise SystemExit(f"{self.label}: runs passed different numbers of gates: {sorted(counts)}")
        return counts.pop()

    def cpu_per_run(self, part: str) -> float:
        """CPU seconds per package (run) of one part of ``CpuUse``."""
        return float(getattr(self.cpu, part)) / len(self.runs)


def main() -> int:
    """Measure policyflow and the floor in one run; print the figures; exit 1 if the target is missed."""
    args = _arguments()
    from policyflow import runtime
    from policyflow.demo.script import use_directory
    from tasks.fonts import prepare_fonts
    from tasks.setup import initialise

    with tempfile.TemporaryDirectory(prefix="policyflow-bench-") as tmp:
        directory = args.keep or Path(tmp) / "lifecycle"
        use_directory(directory)
        initialise(demo=True)
        prepare_fonts()  # converting FangSong and the title font (once per machine) is set-up, not lifecycle
        print(f"machine: {os.cpu_count()} cores, load average {os.getloadavg()[0]:.1f} before starting")
        with (
            _prefect_database(args.prefect_postgres),
            runtime.PrefectServer(log_path=directory / "prefect-server.log") as server,
            runtime.InProcessRunner(poll_seconds=args.poll_seconds, flows=[bare_gates]) as runner,
        ):
            pid = server.process.pid if server.process else 0
            bench = Bench(runner, pid, server.log_path, args.timeout)
            bench.floor(1, gates=1)  # warm-up, untimed: the server's and the runner's first runs
            policyflow = bench.policyflow(args.packages)
            floor = bench.floor(args.packages, gates=policyflow.gates)
        return _report(args, policyflow, floor)


@contextmanager
def _prefect_database(server: str | None) -> Iterator[None]:
    """The Prefect server's database: SQLite (nothing to do), or a new PostgreSQL database dropped after."""
    if server is None:
        print("Prefect server database: SQLite (the embedded default)")
        yield
        return
    from sqlalchemy import create_engine, make_url, text

    name = f"prefect_bench_{os.getpid()}"
    admin = create_engine(make_url(server).set(database="postgres"), isolation_level="AUTOCOMMIT")
    with admin.connect() as connection:
        connection.execute(text(f"CREATE DATABASE {name}"))
    url = make_url(server).set(drivername="postgresql+asyncpg", database=name)
    os.environ["PREFECT_API_DATABASE_CONNECTION_URL"] = url.render_as_string(hide_password=False)
    print(f"Prefect server database: PostgreSQL ({url.render_as_string(hide_password=True)})")
    try:
        yield
    finally:
        del os.environ["PREFECT_API_DATABASE_CONNECTION_URL"]
        with admin.connect() as connection:
            connection.execute(text(f"DROP DATABASE IF EXISTS {name} WITH (FORCE)"))
        admin.dispose()


def _arguments() -> argparse.Namespace:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument(
        "--packages", type=int, default=5, help="packages (and floor runs) at once (default 5)"
    )
    parser.add_argument(
        "--poll-seconds", type=float, default=0.5, help="how often the runner looks for runs (default 0.5)"
    )
    parser.add_argument("--timeout", type=float, default=1800, help="give up after this many seconds")
    parser.add_argument(
        "--keep", type=Path, help="use and keep this data directory (database, Prefect home, server log)"
    )
    parser.add_argument(
        "--prefect-postgres",
        metavar="URL",
        help="run the Prefect server on a new database in this PostgreSQL server, as in production "
        "(e.g. postgresql+psycopg://postgres@127.0.0.1:5432); default: SQLite in the data directory",
    )
    return parser.parse_args()


@dataclass(frozen=True)
class Bench:
    """Both measurements, on one server and runner."""

    runner: Any  # policyflow.runtime.InProcessRunner
    server_pid: int
    server_log: Path
    timeout: float

    def policyflow(self, packages: int) -> Measurement:
        """Submit ``packages`` demo packages at once and approve every gate until all are published."""
        from policyflow import runtime

        return self._measure(
            "policyflow",
            lambda: [runtime.start_submission(_package(number)) for number in range(1, packages + 1)],
            _approval,
        )

    def floor(self, runs: int, gates: int) -> Measurement:
        """Start ``runs`` bare-gates runs at once and answer every gate until all are done."""
        from prefect.deployments import run_deployment

        def start() -> list[UUID]:
            return [
                run_deployment("bare-gates/bare-gates", parameters={"gates": gates}, timeout=0).id  # type: ignore[union-attr]
                for _ in range(runs)
            ]

        return self._measure("floor", start, lambda _: {"approved": True})

    def _measure(
        self, label: str, start_runs: Callable[[], list[UUID]], answer: Callable[[Any], dict[str, Any]]
    ) -> Measurement:
        cpu, load, locked = CpuUse.now(self.server_pid), os.getloadavg()[0], self._locked()
        started_at, start = time.time(), time.perf_counter()
        tracked = _drive(start_runs(), start, answer, self.timeout)
        seconds = time.perf_counter() - start
        self.runner.drain()  # the last processes exit (untimed) before their CPU is counted
        cpu = CpuUse.now(self.server_pid) - cpu
        return Measurement(
            label, started_at, seconds, tracked, cpu, (load, os.getloadavg()[0]), self._locked() - locked
        )

    def _locked(self) -> int:
        """How many times the server has logged "database is locked" so far."""
        try:
            return self.server_log.read_text(errors="replace").count("database is locked")
        except FileNotFoundError:
            return 0


def _package(number: int) -> dict[str, Any]:
    """The demo package as submit-policy's parameters, its title numbered so each is its own document."""
    from tasks.packages import load_package

    package = load_package(PACKAGE)
    manifest = package.manifest.model_dump(mode="json")
    manifest["title"] = manifest["title"].replace("工作要点", f"工作要点（之{number}）")
    return manifest | {
        "policy_text": package.policy.text,
        "interpretation_text": package.interpretation.text if package.interpretation else "",
    }


def _approval(state: Any) -> dict[str, Any]:
    """A reviewer who may decide the waiting step approves it, clearing any finding."""
    from policyflow import runtime
    from tasks.organisation import DEMO_SECRET
    from tasks.review import eligible_reviewers, step_view

    step_id = runtime.waiting_step(state)
    return runtime.form_input(step_view(step_id), eligible_reviewers(step_id)[0], DEMO_SECRET)


def _drive(
    run_ids: list[UUID], start: float, answer: Callable[[Any], dict[str, Any]], timeout: float
) -> list[Tracked]:
    """Answer each run's gate as soon as it opens, until every run has finished; each must complete."""
    from prefect.client.orchestration import get_client

    tracked = {run_id: Tracked(run_id, start) for run_id in run_ids}
    with get_client(sync_client=True) as client:
        while waiting := [run for run in tracked.values() if not run.finished]:
            if time.perf_counter() - start > timeout:
                raise SystemExit(f"{len(waiting)} runs still unfinished after {timeout:.0f} s")
            for state in _states(client, [run.run_id for run in waiting]):
                _step(tracked[state.run_id], state, answer)
            time.sleep(SWEEP_SECONDS)
    return list(tracked.values())


def _step(run: Tracked, state: Any, answer: Callable[[Any], dict[str, Any]]) -> None:
    """Record what the run just did; answer its gate if it waits at a new one."""
    from models.errors import InvalidInput
    from policyflow import runtime

    now = time.perf_counter()
    if state.state == "PAUSED" and state.pause_key != run.opened_key:
        run.gates_opened.append(now)
        run.opened_key = state.pause_key
    if state.state == "PAUSED" and state.pause_key != run.answered_key:
        try:
            runtime.answer_gate(run.run_id, answer(state))
        except InvalidInput as exc:
            # Prefect marks a run suspended a moment before it stores the gate's input schema, and
            # refuses an answer until then: answer again on the next sweep, for a while.
            run.refused, run.refused_since = exc.message, run.refused_since or now
            if now - run.refused_since > STRANDED_SECONDS:
                raise SystemExit(
                    f"run {run.run_id} waits at {state.pause_key} but refused every answer for "
                    f"{STRANDED_SECONDS} s: {exc.message}"
                ) from None
            return
        if run.refused_since:
            run.refusals.append(now - run.refused_since)
        run.answered_key, run.refused, run.refused_since = state.pause_key, "", 0.0
        run.answered.append(time.perf_counter())
    elif state.state in FINISHED:
        final = runtime.run_state(run.run_id)  # with its result
        if final.state != "COMPLETED":
            raise SystemExit(f"run {run.run_id} ended {final.state}: {final.message}")
        run.finished, run.outcome = now, final.result or final.state


def _states(client: Any, run_ids: list[UUID]) -> list[Any]:
    """The runs that wait at a gate or have finished (runtime.RunState, without results), in one API call."""
    from prefect.client.schemas.filters import (
        FlowRunFilter,
        FlowRunFilterId,
        FlowRunFilterState,
        FlowRunFilterStateType,
    )
    from prefect.client.schemas.objects import StateType

    from policyflow.runtime import RunState

    # Only those: Prefect returns each run whole, parameters included, and the sweep runs ten times a
    # second. Reading running runs too made the server's share grow with the size of what was submitted
    # (the demo's texts are 37 KB of JSON per run: +2.7 ms of server CPU per run read, measured), which
    # is the measuring apparatus's load, not policyflow's, and the floor's runs carry no texts.
    types = [StateType.PAUSED, *(StateType(name) for name in FINISHED)]
    runs = client.read_flow_runs(
        flow_run_filter=FlowRunFilter(
            id=FlowRunFilterId(any_=run_ids),
            state=FlowRunFilterState(type=FlowRunFilterStateType(any_=types)),
        )
    )
    return [
        RunState(
            run.id, run.state.type.value, run.state.name or "", run.state.state_details.pause_key, None, ""
        )
        for run in runs
        if run.state is not None
    ]


def _report(args: argparse.Namespace, policyflow: Measurement, floor: Measurement) -> int:
    """Print every figure beside the floor's; 0 when the target is met, else 1."""
    outcomes = ", ".join(sorted({run.outcome for run in policyflow.runs}))
    print(f"packages: {args.packages} at once; runner polls every {args.poll_seconds} s")
    print(f"gates per package: {policyflow.gates} ({' → '.join(_chain())}); the floor has as many")
    for measured, what in ((policyflow, f"packages (all {outcomes})"), (floor, "runs")):
        print(
            f"{measured.label}: {len(measured.runs)} {what} in {measured.seconds:.1f} s "
            f"= {measured.per_minute:.2f} packages/min (load average {measured.load[0]:.1f} → {measured.load[1]:.1f})"
        )
    ratio = policyflow.seconds / floor.seconds
    print(f"ratio policyflow / floor (wall time): {ratio:.2f}x")
    _print_publication(policyflow, floor)
    _print_latencies(policyflow, floor)
    _print_cpu(policyflow, floor)
    met = ratio <= TARGET_RATIO
    print(f"target (policyflow <= {TARGET_RATIO}x the floor): {'MET' if met else 'NOT MET'} ({ratio:.2f}x)")
    return 0 if met else 1


def _print_publication(policyflow: Measurement, floor: Measurement) -> None:
    signed, publishing = _signing_and_publishing(policyflow)
    print(
        f"  of which publication (签发 → 发布: 文号, DOCX and PDF, portal): "
        f"median {statistics.median(publishing):.1f} s per package (max {max(publishing):.1f} s)"
    )
    print(
        f"  without publication: every package signed (签发) after {signed:.1f} s "
        f"= {signed / floor.seconds:.2f}x the floor's full time"
    )


def _print_latencies(policyflow: Measurement, floor: Measurement) -> None:
    figures = {
        "start → first gate": lambda run: [run.gates_opened[0] - run.started],
        "answer → next gate": lambda run: run.gate_latencies()[:-1],
        "last answer → finished": lambda run: run.gate_latencies()[-1:],
    }
    print("latency (median over runs, and the longest; policyflow / floor):")
    for name, pick in figures.items():
        ours, bare = ([s for run in m.runs for s in pick(run)] for m in (policyflow, floor))
        median, bare_median = statistics.median(ours), statistics.median(bare)
        print(
            f"  {name}: {median:.1f} s / {bare_median:.1f} s = {median / bare_median:.2f}x "
            f"(longest {max(ours):.1f} s / {max(bare):.1f} s)"
        )
    if policyflow.locked or floor.locked:
        print(
            f'  the Prefect server\'s SQLite said "database is locked" {policyflow.locked} times during '
            f"policyflow and {floor.locked} during the floor: those requests waited for Prefect's client "
            "retries (up to about a minute); rerun, or see README on the Prefect server on PostgreSQL"
        )
    for measured in (policyflow, floor):
        waits = [wait for run in measured.runs for wait in run.refusals]
        if waits:
            print(
                f"  {measured.label}: {len(waits)} gates refused answers at first (Prefect had not stored "
                f"their form yet), for up to {max(waits):.1f} s"
            )


def _print_cpu(policyflow: Measurement, floor: Measurement) -> None:
    parts = {
        "flow-run processes": "flow_runs",
        "Prefect server": "server",
        "runner (this process's other threads)": "runner",
        "driver (submitting, scripted reviewers)": "driver",
    }
    ours, bare = (m.cpu.total / len(m.runs) for m in (policyflow, floor))
    print(f"CPU seconds per package: policyflow {ours:.1f}, floor {bare:.1f} = {ours / bare:.2f}x")
    for name, part in parts.items():
        print(f"  {name}: {policyflow.cpu_per_run(part):.1f} / {floor.cpu_per_run(part):.1f}")


def _chain() -> list[str]:
    """The review stages of the first benchmark document, in order."""
    from sqlmodel import col, select

    from models.db import session_scope
    from models.review import ReviewStep

    with session_scope() as session:
        first = session.exec(select(ReviewStep).order_by(col(ReviewStep.id))).first()
        steps = session.exec(
            select(ReviewStep)
            .where(ReviewStep.document_id == (first.document_id if first else 0))
            .order_by(col(ReviewStep.id))
        ).all()
    return [step.stage.label for step in steps]


def _signing_and_publishing(policyflow: Measurement) -> tuple[float, list[float]]:
    """From the audit log: seconds from the start until the last document was signed (签发), and each
    document's seconds from 签发 to 发布."""
    from sqlmodel import col, select

    from models.audit import AuditEntry
    from models.db import session_scope

    with session_scope() as session:
        rows = session.exec(
            select(AuditEntry).where(col(AuditEntry.action).in_(["document.sign", "document.publish"]))
        ).all()
    moments = {(row.action, row.subject_id): _timestamp(row.at) for row in rows}
    documents = {subject for _, subject in moments}
    signed = [moments[("document.sign", d)] for d in documents]
    publishing = [moments[("document.publish", d)] - moments[("document.sign", d)] for d in documents]
    return max(signed) - policyflow.started_at, publishing


def _timestamp(moment: datetime) -> float:
    return (moment if moment.tzinfo else moment.replace(tzinfo=UTC)).timestamp()


def _group_cpu(group: int) -> float:
    """CPU seconds of the live processes in a process group (Linux /proc)."""
    ticks = 0
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            fields = stat.read_text().rpartition(")")[2].split()
        except OSError:
            continue  # the process ended meanwhile
        if int(fields[2]) == group:  # after the command: state, ppid, pgrp, ..., utime (12), stime (13)
            ticks += int(fields[11]) + int(fields[12])
    return ticks / os.sysconf("SC_CLK_TCK")


if __name__ == "__main__":
    sys.exit(main())
