"""发布: a signed document gets its 文号 and goes out with its interpretation (同步发布)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from prefect import flow, task
from prefect.artifacts import create_link_artifact, create_markdown_artifact

from policyflow.memory import freeze_loaded

if TYPE_CHECKING:
    from tasks import publication


@task(persist_result=True, retries=1, retry_delay_seconds=5)
def publish_signed(document_id: int) -> publication.PublicationRef:
    """Allocate the 文号, render policy and interpretation, record and publish them together."""
    # Imported here: every review gate resumes in a new process that loads this module, and only the
    # last one publishes; the renderers (reportlab, python-docx, fontTools) cost each gate ≈0.25 s.
    from tasks import publication

    ref = publication.publish_document(document_id)
    if not ref.already:
        files = "\n".join(f"- {role}: `{path}`" for role, path in sorted(ref.files.items()))
        create_markdown_artifact(
            key=f"publication-document-{document_id}",
            description="发布记录",
            markdown=f"## {ref.doc_number}（{ref.channel}）\n\n{files}\n",
        )
        if "policy_pdf" in ref.files:
            create_link_artifact(
                key=f"policy-pdf-document-{document_id}",
                link=f"file://{ref.files['policy_pdf']}",
                description="正式文件 PDF",
            )
    return ref


@flow(name="publish-document")
def publish_document(document_id: int) -> str:
    """发布已签发的文件（与解读同步发布）；已发布的文件再次运行不做任何改动。"""
    freeze_loaded()
    ref = publish_signed(document_id)
    return f"{ref.doc_number} {ref.channel}"
