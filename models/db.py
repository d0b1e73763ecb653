"""The database engine, short transactional sessions, and migrations."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from pathlib import Path
from typing import TYPE_CHECKING, Any

from sqlalchemy import event
from sqlalchemy.engine import Engine, make_url
from sqlmodel import Session, create_engine

from models.settings import get_settings

if TYPE_CHECKING:
    from alembic.config import Config

MIGRATIONS = Path(__file__).resolve().parent / "migrations"


_engines: dict[str, Engine] = {}
_open_sqlite_sessions: ContextVar[int] = ContextVar("open_sqlite_sessions", default=0)


def get_engine(url: str | None = None) -> Engine:
    """The engine for ``url`` (default: the configured database), created once per process."""
    url = url or get_settings().resolved_database_url
    if url not in _engines:
        _engines[url] = _create_engine(url)
    return _engines[url]


def dispose_engines() -> None:
    """Close every pooled connection and forget the engines (settings changed, or a test ended)."""
    for engine in _engines.values():
        engine.dispose()
    _engines.clear()


def _create_engine(url: str) -> Engine:
    parsed = make_url(url)
    if parsed.get_backend_name() != "sqlite":
        return create_engine(url, pool_pre_ping=True)
    if parsed.database and parsed.database != ":memory:":
        Path(parsed.database).parent.mkdir(parents=True, exist_ok=True)
    engine = create_engine(url, connect_args={"check_same_thread": False, "timeout": 30})
    event.listen(engine, "connect", _configure_sqlite)
    event.listen(engine, "begin", _begin_immediate)
    return engine


def _configure_sqlite(dbapi_connection: Any, _record: Any) -> None:
    # Let SQLAlchemy, not the sqlite3 module, decide when transactions begin (see _begin_immediate).
    dbapi_connection.isolation_level = None
    cursor = dbapi_connection.cursor()
    cursor.execute("PRAGMA foreign_keys=ON")
    cursor.execute("PRAGMA journal_mode=WAL")  # readers do not block the one writer
    cursor.execute("PRAGMA busy_timeout=30000")
    cursor.close()


def _begin_immediate(connection: Any) -> None:
    # Take the write lock at BEGIN: read-then-write sequences (the audit chain head, 文号 counters)
    # then serialise instead of failing with "database is locked" at the first write.
    connection.exec_driver_sql("BEGIN IMMEDIATE")


@contextmanager
def session_scope(url: str | None = None) -> Iterator[Session]:
    """A session that commits when the block ends and rolls back if it raises."""
    engine = get_engine(url)
    # Every SQLite transaction takes the write lock at BEGIN, so a second session opened inside a
    # first would wait 30 s on its own caller and fail: refuse at once and name the fix.
    sqlite = engine.dialect.name == "sqlite"
    if sqlite and _open_sqlite_sessions.get():
        raise RuntimeError("session_scope() opened inside another: pass the open session down instead")
    token = _open_sqlite_sessions.set(_open_sqlite_sessions.get() + 1) if sqlite else None
    try:
        with Session(engine, expire_on_commit=False) as session:
            try:
                yield session
                session.commit()
            except BaseException:
                session.rollback()
                raise
    finally:
        if token is not None:
            _open_sqlite_sessions.reset(token)


def alembic_config(url: str | None = None) -> Config:
    """Alembic configured for our migrations and database, without an alembic.ini."""
    # Imported here, not at the top: every flow-run process imports this module, and alembic (with
    # mako and pygments) adds about 0.2 s of CPU to each one's start while only migrations need it.
    from alembic.config import Config

    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS))
    config.set_main_option("sqlalchemy.url", (url or get_settings().resolved_database_url).replace("%", "%%"))
    return config


def migrate(url: str | None = None) -> None:
    """Create the database or bring it up to the newest migration."""
    from alembic import command

    config = alembic_config(url)
    with get_engine(url).begin() as connection:
        config.attributes["connection"] = connection
        command.upgrade(config, "head")
