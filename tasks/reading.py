"""Reading input documents (.docx, .txt, .md) into plain text, with clear errors for bad files."""

from __future__ import annotations

import zipfile
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from models.errors import DocumentUnreadable
from models.settings import get_settings

if TYPE_CHECKING:
    from docx.document import Document as DocxDocument

TEXT_SUFFIXES = {".txt", ".md", ".markdown"}
OLE_SIGNATURE = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"  # encrypted .docx and legacy .doc are OLE files


@dataclass(frozen=True)
class ExtractedDocument:
    """A document's text (paragraphs joined by newlines); finding offsets index into ``text``."""

    text: str
    format: str  # "docx", "txt" or "md"
    encoding: str  # the text encoding detected, or "docx"
    source: Path


def read_document(path: Path, *, max_bytes: int | None = None) -> ExtractedDocument:
    """Extract the text of a .docx, .txt or .md file; DocumentUnreadable says what is wrong and what to do."""
    limit = max_bytes or get_settings().max_document_bytes
    raw = _read_bytes(path, limit)
    suffix = path.suffix.lower()
    if suffix == ".docx":
        text, fmt, encoding = _docx_text(path, raw), "docx", "docx"
    elif suffix in TEXT_SUFFIXES:
        text, encoding = decode_text(path, raw)
        fmt = "txt" if suffix == ".txt" else "md"
    elif suffix == ".doc":
        raise DocumentUnreadable(f"{path.name} is a legacy Word .doc file", "Save it as .docx and try again.")
    else:
        raise DocumentUnreadable(
            f"{path.name}: unsupported file type {suffix or '(none)'}", "Give a .docx, .txt or .md file."
        )
    if not text.strip():
        raise DocumentUnreadable(f"{path.name} contains no text", "Check that you chose the right file.")
    return ExtractedDocument(text=text, format=fmt, encoding=encoding, source=path)


def _read_bytes(path: Path, limit: int) -> bytes:
    try:
        size = path.stat().st_size
        if size > limit:
            raise DocumentUnreadable(
                f"{path.name} is {size / 1_048_576:.1f} MB; the limit is {limit / 1_048_576:.1f} MB",
                "Split the document, or raise POLICYFLOW_MAX_DOCUMENT_BYTES.",
            )
        raw = path.read_bytes()
    except FileNotFoundError:
        raise DocumentUnreadable(f"file not found: {path}", "Check the path.") from None
    except IsADirectoryError:
        raise DocumentUnreadable(f"{path} is a directory, not a file") from None
    except PermissionError:
        raise DocumentUnreadable(f"no permission to read {path}") from None
    if not raw:
        raise DocumentUnreadable(f"{path.name} is empty (0 bytes)", "Check that you chose the right file.")
    return raw


def decode_text(path: Path, raw: bytes) -> tuple[str, str]:
    """Decode UTF-8 (with or without BOM) or GB18030, normalising line ends; refuse binary data."""
    if b"\x00" in raw[:8192]:
        raise DocumentUnreadable(
            f"{path.name} looks like a binary file, not text",
            "Give a .docx, or text saved as UTF-8 or GB18030.",
        )
    for encoding in ("utf-8-sig", "gb18030"):
        try:
            text = raw.decode(encoding)
        except UnicodeDecodeError:
            continue
        return text.replace("\r\n", "\n").replace(
            "\r", "\n"
        ), "utf-8" if encoding == "utf-8-sig" else encoding
    raise DocumentUnreadable(
        f"{path.name} is neither UTF-8 nor GB18030 text", "Save it as UTF-8 (or GB18030) and try again."
    )


def _docx_text(path: Path, raw: bytes) -> str:
    if raw.startswith(OLE_SIGNATURE):
        raise DocumentUnreadable(
            f"{path.name} is password-protected (encrypted)",
            "Save an unprotected copy from Word and try again.",
        )
    # python-docx is imported only here: every review gate resumes in a new process that imports this
    # module (through the checks), and importing python-docx costs each one ≈0.2 s of CPU.
    import docx
    from docx.opc.exceptions import OpcError

    try:
        document = docx.Document(str(path))
    except (OpcError, zipfile.BadZipFile, KeyError, ValueError) as exc:
        raise DocumentUnreadable(
            f"{path.name} is not a valid .docx file ({exc})", "Open it in Word and save it again as .docx."
        ) from None
    return "\n".join(docx_blocks(document))


def docx_blocks(document: DocxDocument) -> list[str]:
    """Paragraph and table texts in document order; a table row becomes one line, cells tab-separated."""
    from docx.table import Table
    from docx.text.paragraph import Paragraph

    blocks = []
    for item in document.iter_inner_content():
        if isinstance(item, Paragraph):
            blocks.append(item.text)
        elif isinstance(item, Table):
            blocks.extend("\t".join(cell.text for cell in row.cells) for row in item.rows)
    return blocks
