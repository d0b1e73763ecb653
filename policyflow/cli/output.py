"""Shared CLI plumbing: consoles, JSON output, argument parsing, the acting account."""

from __future__ import annotations

import getpass
import json
import sys
from datetime import date
from typing import Any

from rich.console import Console

from models.errors import InvalidInput

out = Console(highlight=False, soft_wrap=True)
err = Console(stderr=True, highlight=False, soft_wrap=True)


def emit_json(data: Any) -> None:
    """Write data as JSON on stdout, Chinese kept readable."""
    sys.stdout.write(json.dumps(data, ensure_ascii=False, indent=2, default=str) + "\n")


def parse_date(value: str, name: str) -> date:
    """A YYYY-MM-DD argument, or InvalidInput naming the argument and the expected form."""
    try:
        return date.fromisoformat(value)
    except ValueError:
        raise InvalidInput(
            f"{name} must be a date written YYYY-MM-DD, e.g. 2026-09-24; got {value!r}"
        ) from None


def acting_account(account: str | None) -> str:
    """Who to record in the audit log for a command run from a terminal."""
    if account:
        return account
    try:
        return f"cli:{getpass.getuser()}"
    except OSError:  # no login name, e.g. in some containers
        return "cli"
