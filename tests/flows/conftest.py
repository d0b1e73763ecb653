"""Flow tests share one local Prefect server per session; each test gets its own runner and database."""

from __future__ import annotations

import os
from collections.abc import Iterator

import pytest
from sqlalchemy.engine import make_url

from policyflow.runtime import InProcessRunner, PrefectServer
from tests.conftest import admin_sql


@pytest.fixture(scope="session")
def prefect_server(tmp_path_factory: pytest.TempPathFactory, postgres_server: str) -> Iterator[PrefectServer]:
    """A Prefect server (API and UI) on 127.0.0.1 with its own home, for the whole test session."""
    # The UI is static files served by the same process: measured, it adds nothing noticeable to start-up.
    mp = pytest.MonkeyPatch()
    mp.setenv("PREFECT_HOME", str(tmp_path_factory.mktemp("prefect-home")))
    # Prefect's own database on PostgreSQL, as in production: on SQLite its server now and then fails a
    # resume with "database is locked" while another run changes state, which made the UI tests flaky.
    name = f"prefect_test_{os.getpid()}"
    admin_sql(postgres_server, f"DROP DATABASE IF EXISTS {name}", f"CREATE DATABASE {name}")
    server_url = make_url(postgres_server).set(drivername="postgresql+asyncpg", database=name)
    mp.setenv("PREFECT_API_DATABASE_CONNECTION_URL", server_url.render_as_string(hide_password=False))
    with PrefectServer(ui=True) as server:
        yield server
    mp.undo()


@pytest.fixture(scope="session")
def prefect_api(prefect_server: PrefectServer) -> str:
    """The session server's API URL, which this process and its runs are pointed at."""
    return prefect_server.api_url


@pytest.fixture
def runner(demo_db, prefect_api) -> Iterator[InProcessRunner]:
    """An in-process runner serving submit-policy against this test's database."""
    with InProcessRunner(poll_seconds=0.5) as running:
        yield running
