"""Every template's variables match its typed context: no template asks for a name the model lacks, and
every field the model carries is printed (directly or through its computed, printable form)."""

from __future__ import annotations

import jinja2
import pytest
from docxtpl import DocxTemplate
from jinja2 import meta
from pydantic import BaseModel

from models.settings import PROJECT_ROOT
from tasks.portal import portal_environment
from tasks.portal_pages import IndexPage, InterpretationPage, ListingPage, OnRequestPage, Page, PolicyPage
from tasks.rendering.context import InterpretationContext, OfficialDocumentContext

TEMPLATES = PROJECT_ROOT / "templates"
# Pages that include _entries.html, with the names they bind around the include (`with entries = …`).
INCLUDES_ENTRIES = {"index.html": {"entries"}, "listing.html": set()}


def printed_names(model: type[BaseModel]) -> set[str]:
    """The names a template for ``model`` should use: fields and computed fields, less those printed as another."""
    names = set(model.model_fields) | set(model.model_computed_fields)
    return names - set(getattr(model, "printed_as", {}))


@pytest.mark.parametrize(
    ("template", "model"),
    [("official_document.docx", OfficialDocumentContext), ("interpretation.docx", InterpretationContext)],
)
def test_docx_template_variables_match_the_context(template, model):
    assert DocxTemplate(TEMPLATES / template).get_undeclared_template_variables() == printed_names(model)


def html_variables(name: str) -> set[str]:
    env = portal_environment()
    source = env.loader.get_source(env, name)[0]  # type: ignore[union-attr]
    return meta.find_undeclared_variables(env.parse(source))


@pytest.mark.parametrize(
    ("template", "model"),
    [
        ("index.html", IndexPage),
        ("listing.html", ListingPage),
        ("policy.html", PolicyPage),
        ("interpretation.html", InterpretationPage),
        ("on_request.html", OnRequestPage),
    ],
)
def test_html_template_variables_match_the_page(template, model):
    used = html_variables(template) | html_variables("base.html")
    if template in INCLUDES_ENTRIES:
        used |= html_variables("_entries.html") - INCLUDES_ENTRIES[template]
    assert used == printed_names(model)


def test_base_layout_uses_only_the_page_fields():
    assert html_variables("base.html") == set(Page.model_fields)


def test_portal_templates_refuse_undefined_names():
    with pytest.raises(jinja2.UndefinedError):
        portal_environment().get_template("on_request.html").render({})


def test_portal_templates_escape_text():
    env = portal_environment()
    assert env.from_string("{{ x }}").render(x="<script>") == "&lt;script&gt;"
