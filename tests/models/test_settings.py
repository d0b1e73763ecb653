"""Settings come from POLICYFLOW_* variables, are read lazily and refuse unsafe production set-ups."""

from __future__ import annotations

import pytest
from pydantic import ValidationError

from models.settings import Settings, get_settings


def test_settings_default_to_sqlite_in_the_data_directory(data_dir):
    settings = get_settings()
    assert settings.resolved_database_url == f"sqlite:///{data_dir / 'policyflow.db'}"
    assert settings.resolved_output_dir == data_dir / "output"


def test_settings_read_thresholds_from_the_environment(data_dir, monkeypatch):
    monkeypatch.setenv("POLICYFLOW_REVIEW_OVERDUE_WORKING_DAYS", "5")
    get_settings.cache_clear()
    assert get_settings().review_overdue_working_days == 5


def test_settings_refuse_sqlite_in_production(data_dir, monkeypatch):
    monkeypatch.setenv("POLICYFLOW_ENVIRONMENT", "production")
    with pytest.raises(ValidationError, match="needs POLICYFLOW_DATABASE_URL set to a PostgreSQL URL"):
        Settings()


def test_settings_accept_postgresql_in_production(data_dir, monkeypatch):
    monkeypatch.setenv("POLICYFLOW_ENVIRONMENT", "production")
    monkeypatch.setenv("POLICYFLOW_DATABASE_URL", "postgresql+psycopg://u:p@db/policyflow")
    assert Settings().database_url.startswith("postgresql")
