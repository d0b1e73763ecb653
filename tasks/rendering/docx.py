"""DOCX rendering with docxtpl from the Word templates in ``templates/`` (which clerks may restyle)."""

from __future__ import annotations

from pathlib import Path

from docxtpl import DocxTemplate
from pydantic import BaseModel

from models.errors import InvalidInput
from models.settings import get_settings
from tasks.rendering.context import InterpretationContext, OfficialDocumentContext

DOCUMENT_TEMPLATE = "official_document.docx"
INTERPRETATION_TEMPLATE = "interpretation.docx"


def template_path(name: str) -> Path:
    """A Word template in the configured templates directory."""
    return get_settings().templates_dir / name


def render_document_docx(context: OfficialDocumentContext, target: Path) -> Path:
    """Write the 公文 as DOCX from ``official_document.docx``."""
    return _render(template_path(DOCUMENT_TEMPLATE), context, target, context.title)


def render_interpretation_docx(context: InterpretationContext, target: Path) -> Path:
    """Write the 解读 as DOCX from ``interpretation.docx``."""
    return _render(template_path(INTERPRETATION_TEMPLATE), context, target, context.title)


def _render(template: Path, context: BaseModel, target: Path, title: str) -> Path:
    if not template.is_file():
        raise InvalidInput(
            f"Word template not found: {template}",
            "Set POLICYFLOW_TEMPLATES_DIR to a directory holding the templates, or run `make templates`.",
        )
    document = DocxTemplate(template)
    document.render(context.model_dump(), autoescape=True)  # & < > in the text stay text
    document.docx.core_properties.title = title
    document.docx.core_properties.author = getattr(context, "signer", None) or getattr(context, "organ", "")
    document.save(target)
    return target
