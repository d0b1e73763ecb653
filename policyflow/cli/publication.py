"""``policyflow render``: preview a package's policy and interpretation as they would be published."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from models.base import local_date
from models.db import session_scope
from models.errors import InvalidInput
from policyflow.cli.output import emit_json, out
from tasks.packages import load_package
from tasks.rendering.builder import (
    document_context_from_package,
    interpretation_context,
    preview_doc_number,
    resolve_issuing_organs,
)
from tasks.rendering.docx import render_document_docx, render_interpretation_docx
from tasks.rendering.pdf import render_document_pdf, render_interpretation_pdf
from tasks.setup import ensure_database


def register(app: typer.Typer) -> None:
    """Attach these commands to the main CLI."""
    app.command("render")(render)
    app.command("publish")(publish)
    portal_app = typer.Typer(no_args_is_help=True, help="The static 政府信息公开 portal.")
    portal_app.command("build")(portal_build)
    app.add_typer(portal_app, name="portal")


def render(
    package: Annotated[Path, typer.Argument(help="A package manifest (package.yaml).")],
    out_dir: Annotated[Path, typer.Option("--out", help="Directory to write the files into.")],
    as_json: Annotated[bool, typer.Option("--json", help="Print JSON.")] = False,
) -> None:
    """Render the policy and its interpretation (DOCX + PDF) with a placeholder 文号, without publishing."""
    ensure_database()
    loaded = load_package(package)
    manifest = loaded.manifest
    with session_scope() as session:
        organs = resolve_issuing_organs(manifest.issuing_level, manifest.department, session=session)
    today = local_date()
    number = preview_doc_number(organs.organ_code, today.year)
    document = document_context_from_package(loaded, organs, doc_number=number, signed_on=today)
    _prepare(out_dir)
    written = {"policy_pdf": render_document_pdf(document, out_dir / "policy.pdf").path}
    written["policy_docx"] = render_document_docx(document, out_dir / "policy.docx")
    if loaded.interpretation is not None:
        interpretation = interpretation_context(
            material=loaded.interpretation.text,
            policy_title=manifest.title,
            doc_number=number,
            organ=organs.drafter,
            published_on=today,
        )
        written["interpretation_pdf"] = render_interpretation_pdf(
            interpretation, out_dir / "interpretation.pdf"
        ).path
        written["interpretation_docx"] = render_interpretation_docx(
            interpretation, out_dir / "interpretation.docx"
        )
    if as_json:
        emit_json({"doc_number": number, "files": {k: str(v) for k, v in written.items()}})
        return
    out.print(f"preview of {manifest.title} ({number}):", markup=False)
    for path in written.values():
        out.print(f"  {path}", markup=False)
    if loaded.interpretation is None:
        out.print("no interpretation in the package: only the policy was rendered")


def _prepare(out_dir: Path) -> None:
    try:
        out_dir.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise InvalidInput(f"cannot create output directory {out_dir}: {exc}") from None


def publish(
    document_id: Annotated[int, typer.Argument(help="A signed document's id (see `policyflow status`).")],
    as_json: Annotated[bool, typer.Option("--json", help="Print JSON.")] = False,
) -> None:
    """Publish a signed document with its interpretation; running it again changes nothing."""
    from tasks.publication import publish_document

    ensure_database()
    ref = publish_document(document_id)
    if as_json:
        emit_json(ref.__dict__)
        return
    out.print(f"{ref.doc_number} {ref.channel}{' (already published)' if ref.already else ''}", markup=False)
    for role, path in sorted(ref.files.items()):
        out.print(f"  {role}: {path}", markup=False)


def portal_build(
    out_dir: Annotated[
        Path | None, typer.Option("--out", help="Where to build (default: output/portal).")
    ] = None,
) -> None:
    """Regenerate the portal from the publication records."""
    from tasks.portal_sync import rebuild_portal

    ensure_database()
    build = rebuild_portal(out_dir)
    out.print(
        f"portal: {build.path} ({build.published} listed, {build.on_request} 依申请公开, "
        f"{build.withheld} withheld never written)",
        markup=False,
    )
