"""Markdown shown in the Prefect UI (Resume form descriptions, run artifacts), from editable templates."""

from __future__ import annotations

import re
from functools import cache
from pathlib import Path

from jinja2 import Environment, FileSystemLoader, StrictUndefined
from pydantic import BaseModel

from models.settings import PROJECT_ROOT

MARKDOWN_TEMPLATES = PROJECT_ROOT / "templates" / "markdown"
_SPECIAL = re.compile(r"([\\`*_{}\[\]<>()#+\-.!|~])")


def escape_markdown(text: object) -> str:
    """Text safe to place in Markdown: specials escaped, line breaks kept."""
    return _SPECIAL.sub(r"\\\1", str(text))


@cache
def environment(directory: Path = MARKDOWN_TEMPLATES) -> Environment:
    """The Jinja environment for Markdown templates: undefined variables are errors."""
    env = Environment(
        loader=FileSystemLoader(directory),
        undefined=StrictUndefined,
        autoescape=False,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
    )
    env.filters["md"] = escape_markdown
    return env


def render_markdown(template: str, context: BaseModel) -> str:
    """Render ``template`` (a file in templates/markdown) with a typed context."""
    return environment().get_template(template).render(**dict(context))
