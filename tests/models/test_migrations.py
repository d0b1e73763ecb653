"""The migrations create exactly the tables the models describe."""

from __future__ import annotations

from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from sqlmodel import SQLModel

import models.tables  # noqa: F401
from models.db import get_engine, migrate


def test_migrations_match_the_models(db):
    with get_engine().connect() as connection:
        context = MigrationContext.configure(connection, opts={"compare_type": True})
        differences = compare_metadata(context, SQLModel.metadata)
    assert differences == []


def test_migrate_twice_is_harmless(db):
    migrate()
    migrate()
    with get_engine().connect() as connection:
        assert MigrationContext.configure(connection).get_current_revision() is not None
