"""Rendering policies and interpretations: GB/T 9704 公文 as DOCX (docxtpl) and PDF (reportlab).

The public surface, for the publishing step and the CLI:

- contexts: ``OfficialDocumentContext``, ``InterpretationContext`` (``tasks.rendering.context``)
- building them: ``resolve_issuing_organs``, ``document_context``, ``document_context_from_package``,
  ``interpretation_context``, ``format_doc_number``, ``preview_doc_number`` (``tasks.rendering.builder``)
- writing them: ``render_document_pdf``, ``render_interpretation_pdf`` (``tasks.rendering.pdf``),
  ``render_document_docx``, ``render_interpretation_docx`` (``tasks.rendering.docx``)
"""
