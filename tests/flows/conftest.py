"""Flow tests share one local Prefect API per session; each test gets its own runner and database."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from policyflow.runtime import InProcessRunner, PrefectServer


@pytest.fixture(scope="session")
def prefect_api(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """A Prefect API server on 127.0.0.1 with its own home, for the whole test session."""
    mp = pytest.MonkeyPatch()
    mp.setenv("PREFECT_HOME", str(tmp_path_factory.mktemp("prefect-home")))
    with PrefectServer() as server:
        yield server.api_url
    mp.undo()


@pytest.fixture
def runner(demo_db, prefect_api) -> Iterator[InProcessRunner]:
    """An in-process runner serving submit-policy against this test's database."""
    with InProcessRunner(poll_seconds=0.5) as running:
        yield running
