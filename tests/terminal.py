"""The installed ``policyflow`` command, run in a subprocess as a user runs it from a terminal."""

from __future__ import annotations

import os
import sys
from pathlib import Path

POLICYFLOW = str(Path(sys.executable).with_name("policyflow"))  # the console script beside this Python


def fresh_env(**settings: str) -> dict[str, str]:
    """A new terminal's environment: none of this session's PREFECT_ or POLICYFLOW_ settings, plus ``settings``."""
    env = {k: v for k, v in os.environ.items() if not k.startswith(("PREFECT_", "POLICYFLOW_"))}
    return env | settings
