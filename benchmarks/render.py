"""Benchmark: a 20-page policy rendered to PDF by reportlab, against LibreOffice converting its DOCX.

Run with `make bench` (installs LibreOffice first) or `.venv/bin/python benchmarks/render.py`.
Fonts are prepared before timing starts (FangSong conversion is a one-time cost, cached).
"""

from __future__ import annotations

import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from datetime import date
from pathlib import Path

from tasks.fonts import font_book
from tasks.packages import load_package
from tasks.rendering.builder import IssuingOrgans, document_context_from_package
from tasks.rendering.context import OfficialDocumentContext
from tasks.rendering.docx import render_document_docx
from tasks.rendering.pdf import render_document_pdf

TARGET_PAGES = 20
RUNS = 5
DEMO = Path(__file__).resolve().parent.parent / "policyflow" / "demo" / "package.yaml"
ORGANS = IssuingOrgans("青禾县人民政府办公室", "青政办发", "青禾县人民政府办公室", "青禾县发展和改革局")


def twenty_page_policy(work: Path) -> OfficialDocumentContext:
    """The demo work plan, its sections repeated until the PDF has at least 20 pages."""
    base = document_context_from_package(
        load_package(DEMO), ORGANS, doc_number="青政办发〔2026〕5号", signed_on=date(2026, 1, 5)
    )
    assert base.enclosure is not None
    blocks = list(base.enclosure.blocks)
    for count in range(len(blocks), 40 * len(blocks), 4):
        cycled = [blocks[n % len(blocks)] for n in range(count)]
        context = base.model_copy(update={"enclosure": base.enclosure.model_copy(update={"blocks": cycled})})
        if render_document_pdf(context, work / "probe.pdf").pages >= TARGET_PAGES:
            return context
    raise SystemExit("could not build a 20-page policy from the demo text")


def time_reportlab(context: OfficialDocumentContext, work: Path) -> tuple[float, int]:
    """Median seconds for one PDF render, and its page count."""
    times, pages = [], 0
    for run in range(RUNS):
        start = time.perf_counter()
        pages = render_document_pdf(context, work / f"reportlab-{run}.pdf").pages
        times.append(time.perf_counter() - start)
    return statistics.median(times), pages


def time_libreoffice(docx: Path, work: Path) -> tuple[float, int] | None:
    """Median seconds for `soffice --headless --convert-to pdf` on the DOCX (warm profile), and its pages."""
    soffice = shutil.which("soffice")
    if soffice is None:
        return None
    profile = f"-env:UserInstallation=file://{work / 'lo-profile'}"
    command = [soffice, profile, "--headless", "--convert-to", "pdf", "--outdir", str(work / "lo"), str(docx)]
    subprocess.run(command, check=True, capture_output=True, timeout=300)  # first start builds the profile
    times = []
    for _ in range(3):
        start = time.perf_counter()
        subprocess.run(command, check=True, capture_output=True, timeout=300)
        times.append(time.perf_counter() - start)
    info = subprocess.run(["pdfinfo", str(work / "lo" / "policy.pdf")], capture_output=True, text=True).stdout
    pages = next((int(line.split()[-1]) for line in info.splitlines() if line.startswith("Pages:")), 0)
    return statistics.median(times), pages


def main() -> int:
    """Print each figure and the ratio; exit 1 if reportlab is not at least 3× faster."""
    font_book()
    with tempfile.TemporaryDirectory(prefix="policyflow-bench-") as tmp:
        work = Path(tmp)
        context = twenty_page_policy(work)
        seconds, pages = time_reportlab(context, work)
        print(
            f"reportlab:   {pages} pages in {seconds:.3f} s (median of {RUNS}) = {pages / seconds:.1f} pages/s"
        )
        start = time.perf_counter()
        docx = render_document_docx(context, work / "policy.docx")
        print(f"docxtpl:     DOCX written in {time.perf_counter() - start:.3f} s")
        office = time_libreoffice(docx, work)
        if office is None:
            print(
                "LibreOffice: not installed (`make bench-deps` installs libreoffice-writer-nogui); no comparison"
            )
            return 0
        office_seconds, office_pages = office
        print(
            f"LibreOffice: {office_pages} pages in {office_seconds:.3f} s (median of 3, warm) "
            f"= {office_pages / office_seconds:.1f} pages/s"
        )
        ratio = office_seconds / seconds
        print(f"ratio:       reportlab is {ratio:.1f}× faster per document (target ≥ 3×)")
        return 0 if ratio >= 3 else 1


if __name__ == "__main__":
    sys.exit(main())
