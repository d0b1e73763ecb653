"""Fixtures: every test gets its own data directory and database, copied from a migrated template."""

from __future__ import annotations

import os
import shutil
import uuid
from collections.abc import Iterator
from pathlib import Path

import pytest

from models.db import dispose_engines
from models.settings import get_settings
from tasks.setup import ensure_database, initialise

SAMPLES_DIR = Path(__file__).resolve().parent / "data" / "samples"  # copies of ../shared/samples
SAMPLES = sorted(p for p in SAMPLES_DIR.iterdir() if p.name != "README.md")
# Fonts converted for PDF embedding (Fandol FangSong takes ~15 s once) are kept in the checkout so the
# conversion happens once per machine, not once per test run.
FONT_CACHE = Path(__file__).resolve().parents[1] / ".cache" / "fonts"


def _reset_caches() -> None:
    dispose_engines()
    get_settings.cache_clear()
    ensure_database.cache_clear()


@pytest.fixture(scope="session", autouse=True)
def font_cache() -> Iterator[Path]:
    """Point POLICYFLOW_FONT_DIR at the shared font cache for the whole session."""
    mp = pytest.MonkeyPatch()
    mp.setenv("POLICYFLOW_FONT_DIR", str(FONT_CACHE))
    get_settings.cache_clear()
    yield FONT_CACHE
    mp.undo()


@pytest.fixture(scope="session")
def browser() -> Iterator[object]:
    """Headless Debian Chromium driven by Playwright, shared by the session's browser tests."""
    from tests.browser import chromium_missing, launch_chromium

    problem = chromium_missing()
    if problem:
        pytest.fail(problem)
    with launch_chromium() as launched:
        yield launched


@pytest.fixture(scope="session")
def templates(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    """Database files built once per test run: ``plain`` (migrated, calendar loaded) and ``demo``."""
    built = {}
    mp = pytest.MonkeyPatch()
    for name, demo in (("plain", False), ("demo", True)):
        data_dir = tmp_path_factory.mktemp(f"template-{name}")
        mp.setenv("POLICYFLOW_DATA_DIR", str(data_dir))
        _reset_caches()
        initialise(demo=demo)
        dispose_engines()
        built[name] = data_dir / "policyflow.db"
    mp.undo()
    _reset_caches()
    return built


@pytest.fixture
def data_dir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Path]:
    """An empty data directory that policyflow's settings point at for this test."""
    for name in ("POLICYFLOW_DATABASE_URL", "POLICYFLOW_ENVIRONMENT", "POLICYFLOW_OUTPUT_DIR"):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setenv("POLICYFLOW_DATA_DIR", str(tmp_path / "data"))
    _reset_caches()
    yield tmp_path / "data"
    _reset_caches()


@pytest.fixture
def db(data_dir: Path, templates: dict[str, Path]) -> Path:
    """A migrated database with the bundled calendar and no organisation."""
    data_dir.mkdir(parents=True, exist_ok=True)
    return Path(shutil.copy(templates["plain"], data_dir / "policyflow.db"))


@pytest.fixture
def demo_db(data_dir: Path, templates: dict[str, Path]) -> Path:
    """A migrated database with the calendar and the demo county 青禾县."""
    data_dir.mkdir(parents=True, exist_ok=True)
    return Path(shutil.copy(templates["demo"], data_dir / "policyflow.db"))


@pytest.fixture(scope="session")
def postgres_server() -> Iterator[str]:
    """A PostgreSQL server URL (without database): POLICYFLOW_TEST_POSTGRES_URL, or a throwaway cluster."""
    from tests.postgres import temporary_cluster

    configured = os.environ.get("POLICYFLOW_TEST_POSTGRES_URL")
    if configured:
        yield configured.rstrip("/")
        return
    with temporary_cluster() as url:
        yield url


@pytest.fixture(scope="session")
def postgres_template(postgres_server: str) -> str:
    """A migrated database with the calendar and demo county, cloned for each PostgreSQL test."""
    name = f"policyflow_template_{os.getpid()}"
    admin_sql(postgres_server, f"DROP DATABASE IF EXISTS {name}", f"CREATE DATABASE {name}")
    mp = pytest.MonkeyPatch()
    mp.setenv("POLICYFLOW_DATABASE_URL", f"{postgres_server}/{name}")
    _reset_caches()
    initialise(demo=True)
    mp.undo()
    _reset_caches()
    return name


@pytest.fixture
def pg_db(
    data_dir: Path, postgres_server: str, postgres_template: str, monkeypatch: pytest.MonkeyPatch
) -> Iterator[str]:
    """A fresh PostgreSQL database (calendar + demo county) that policyflow's settings point at."""
    name = f"policyflow_test_{uuid.uuid4().hex[:12]}"
    admin_sql(postgres_server, f"CREATE DATABASE {name} TEMPLATE {postgres_template}")
    url = f"{postgres_server}/{name}"
    monkeypatch.setenv("POLICYFLOW_DATABASE_URL", url)
    _reset_caches()
    yield url
    _reset_caches()
    admin_sql(postgres_server, f"DROP DATABASE IF EXISTS {name} WITH (FORCE)")


def admin_sql(server: str, *statements: str) -> None:
    """Run statements outside a transaction on the server's postgres database (CREATE/DROP DATABASE)."""
    from sqlalchemy import create_engine, text

    engine = create_engine(f"{server}/postgres", isolation_level="AUTOCOMMIT")
    with engine.connect() as connection:
        for statement in statements:
            connection.execute(text(statement))
    engine.dispose()
