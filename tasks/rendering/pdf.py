"""PDF rendering with reportlab: the red-header 公文 (GB/T 9704-2012) and its 解读, fonts embedded."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from functools import partial
from pathlib import Path

from reportlab.lib.colors import red

from tasks.fonts import FontPlan, FontRole, font_book
from tasks.rendering.context import BodyBlock, InterpretationContext, OfficialDocumentContext
from tasks.rendering.layout import break_lines
from tasks.rendering.pdfpage import (
    BLOCK_BOTTOM,
    BLOCK_TOP,
    BLOCK_WIDTH,
    BODY,
    CELL,
    LEFT,
    LINE,
    MM,
    PageWriter,
    Runs,
    Style,
)

MARK_SIZE = 42.0  # 发文机关标志: size is not fixed by the standard; ≈15 mm tall, narrowed to fit
MARK_MIN_SCALE = 0.6
TITLE = Style(size=22, align="centre", grid=False)  # 2号小标宋
CENTRED = Style(align="centre")
PLAIN = Style()
COLOPHON = Style(size=14, left_indent=1, right_indent=1, grid=False)  # 版记: 4号仿宋, one character in
HEADING_ROLES = {1: FontRole.HEI, 2: FontRole.KAI}
PAGE_NUMBER_TEXT = "— 0123456789 —"
RED_RULE = 1.5  # pt; the standard fixes only its width (the text block) and colour
THICK_RULE, THIN_RULE = 0.35 * MM, 0.25 * MM  # 版记: first and last rules thick, those between thin


@dataclass(frozen=True)
class RenderedPdf:
    """A PDF written to ``path`` with ``pages`` pages."""

    path: Path
    pages: int


def render_document_pdf(context: OfficialDocumentContext, target: Path) -> RenderedPdf:
    """Write the 公文 as PDF: 版头, 主体, 附注, the enclosed document, 版记 and 页码."""
    writer = PageWriter(target, _document_plan(context), title=context.title, author=context.signer)
    _header(writer, context)
    _title(writer, context.title_lines)
    if context.main_recipients:
        writer.skip(1)
        writer.paragraph([(context.main_recipients + "：", FontRole.BODY)], PLAIN)
    _blocks(writer, context.body)
    _attachments(writer, context.attachments)
    _signature(writer, context)
    if context.enclosure is not None:
        writer.new_page()
        _title(writer, context.enclosure.title_lines)
        writer.skip(1)
        _blocks(writer, context.enclosure.blocks)
    _colophon(writer, context)
    return RenderedPdf(target, writer.finish())


def render_interpretation_pdf(context: InterpretationContext, target: Path) -> RenderedPdf:
    """Write the 解读 as PDF: title, organ and date, sections, 问/答."""
    writer = PageWriter(target, _interpretation_plan(context), title=context.title, author=context.organ)
    _title(writer, context.title_lines)
    for line in _bylines(context):
        writer.paragraph([(line, FontRole.KAI)], CENTRED)
    writer.skip(1)
    for section in context.sections:
        if section.heading:
            writer.paragraph([(section.heading, FontRole.HEI)])
        for paragraph in section.paragraphs:
            writer.paragraph([(paragraph, FontRole.BODY)])
        for pair in section.qa:
            writer.paragraph([("问：" + pair.question, FontRole.HEI)])
            for number, answer in enumerate(pair.answer):
                writer.paragraph([(("答：" if number == 0 else "") + answer, FontRole.BODY)])
    return RenderedPdf(target, writer.finish())


def _bylines(context: InterpretationContext) -> list[str]:
    """Who interprets, when, and which document (as the Word template prints them)."""
    return [
        f"{context.organ}　{context.published_on_text}",
        f"解读文件：《{context.policy_title}》（{context.doc_number}）",
    ]


def _header(writer: PageWriter, context: OfficialDocumentContext) -> None:
    """版头: the red 发文机关标志 35 mm below the block top, 发文字号 two lines under it, the red rule."""
    mark_bottom = _mark(writer, context.issuer_mark)
    writer.y = mark_bottom - 2 * LINE
    writer.paragraph([(context.doc_number, FontRole.BODY)], CENTRED)
    glyph_bottom = writer.y + LINE / 2 - 0.5 * BODY.size
    rule_y = glyph_bottom - 4 * MM
    writer.rule(rule_y, RED_RULE, red)
    writer.y = rule_y - 2 * LINE  # the title two blank lines under the rule


def _mark(writer: PageWriter, mark: str) -> float:
    """Draw the 发文机关标志 centred, narrowed if needed to fit the block; returns its bottom edge."""
    unit = writer.measure(mark, FontRole.TITLE, Style(size=1, grid=False))
    size, scale = _mark_fit(unit)
    baseline = BLOCK_TOP - 35 * MM - 0.88 * size
    text = writer.canvas.beginText(LEFT + (BLOCK_WIDTH - unit * size * scale) / 2, baseline)
    text.setHorizScale(scale * 100)
    text.setFillColor(red)
    for name, run in writer.plan.runs(mark, FontRole.TITLE):
        text.setFont(name, size)
        text.textOut(run)
    writer.canvas.saveState()  # horizontal scaling is graphics state: keep it from leaking into the body
    writer.canvas.drawText(text)
    writer.canvas.restoreState()
    return baseline - 0.12 * size


def _mark_fit(unit_width: float) -> tuple[float, float]:
    """Size and horizontal scale for the 发文机关标志 so that it fits the block width."""
    size = MARK_SIZE
    scale = min(1.0, BLOCK_WIDTH / (unit_width * size))
    if scale < MARK_MIN_SCALE:
        size, scale = BLOCK_WIDTH / (unit_width * MARK_MIN_SCALE), MARK_MIN_SCALE
    return size, scale


def _title(writer: PageWriter, lines: list[str]) -> None:
    for line in lines:
        writer.paragraph([(line, FontRole.TITLE)], TITLE)


def _blocks(writer: PageWriter, blocks: Iterable[BodyBlock]) -> None:
    for block in blocks:
        runs: Runs = [
            (block.heading, HEADING_ROLES.get(block.level, FontRole.BODY)),
            (block.text, FontRole.BODY),
        ]
        writer.paragraph(runs)


def _attachments(writer: PageWriter, lines: list[str]) -> None:
    """附件说明: one blank line under the text, two characters in, later items aligned after 附件："""
    if not lines:
        return
    writer.skip(1)
    writer.paragraph([("附件：" + lines[0], FontRole.BODY)], BODY)
    for line in lines[1:]:
        writer.paragraph([(line, FontRole.BODY)], Style(first_indent=5))


def _signature(writer: PageWriter, context: OfficialDocumentContext) -> None:
    """署名 centred over the 成文日期, which stands four characters in from the right; then the 附注."""
    lines = 3 if context.annotation else 2  # 署名, 成文日期 and 附注 stay together
    if writer.room() >= (lines + 1) * LINE - 0.5:
        writer.skip(1)
    elif writer.room() < lines * LINE - 0.5:  # the blank line gives way first (cl. 7.3.5.4)
        writer.new_page()
    date_width = writer.measure(context.signed_on_text, FontRole.BODY, PLAIN)
    signer_width = writer.measure(context.signer, FontRole.BODY, PLAIN)
    date_x = BLOCK_WIDTH - 4 * CELL - date_width
    signer_x = min(date_x + (date_width - signer_width) / 2, BLOCK_WIDTH - 2 * CELL - signer_width)
    for text, x in ((context.signer, max(signer_x, 0)), (context.signed_on_text, date_x)):
        chars = [(c, FontRole.BODY) for c in text]
        writer.line(chars, Style(align="left"), x / CELL, BLOCK_WIDTH - x, last=True)
    if context.annotation:
        writer.paragraph([(context.annotation, FontRole.BODY)])


def _colophon(writer: PageWriter, context: OfficialDocumentContext) -> None:
    """版记 on the last lines of the last page: 抄送, 印发机关 and 印发日期, between rules."""
    copy_lines = _copy_lines(writer, context.copy_to)
    rows = len(copy_lines) + 1
    if writer.y - rows * LINE < BLOCK_BOTTOM - 0.5:
        writer.new_page()
    top = BLOCK_BOTTOM + rows * LINE
    writer.y = top
    writer.rule(top, THICK_RULE)
    for number, line in enumerate(copy_lines):
        indent = 1 if number == 0 else 4  # continuation lines align after 抄送：
        writer.line([(c, FontRole.BODY) for c in line], COLOPHON, indent, BLOCK_WIDTH, last=True)
    if copy_lines:
        writer.rule(writer.y, THIN_RULE)
    printed = context.printed_on_text + "印发"
    writer.row([(context.printing_organ, FontRole.BODY)], [(printed, FontRole.BODY)], COLOPHON)
    writer.rule(BLOCK_BOTTOM, THICK_RULE)


def _copy_lines(writer: PageWriter, copy_to: str) -> list[str]:
    """抄送 broken into lines, continuation lines three characters narrower (they align after 抄送：)."""
    if not copy_to:
        return []
    width = BLOCK_WIDTH - 2 * COLOPHON.size
    measure = partial(writer.measure, role=FontRole.BODY, style=COLOPHON)
    return break_lines(f"抄送：{copy_to}。", measure, width - 3 * COLOPHON.size, width)


def _document_plan(context: OfficialDocumentContext) -> FontPlan:
    blocks = [*context.body, *(context.enclosure.blocks if context.enclosure else [])]
    texts = {
        FontRole.TITLE: context.issuer_mark
        + context.title
        + (context.enclosure.title if context.enclosure else ""),
        FontRole.HEI: "".join(b.heading for b in blocks if b.level == 1),
        FontRole.KAI: "".join(b.heading for b in blocks if b.level == 2),
        FontRole.BODY: "".join(
            [
                context.doc_number,
                context.main_recipients,
                "：附件。印发抄送",
                *(b.full_text for b in blocks),
                *context.attachment_lines,
                context.signer,
                context.signed_on_text,
                context.annotation,
                context.copy_to,
                context.printing_organ,
                context.printed_on_text,
            ]
        ),
        FontRole.SONG: PAGE_NUMBER_TEXT,
    }
    return font_book().plan(texts, f"《{context.title}》")


def _interpretation_plan(context: InterpretationContext) -> FontPlan:
    sections = context.sections
    texts = {
        FontRole.TITLE: context.title,
        FontRole.KAI: "".join(_bylines(context)),
        FontRole.HEI: "问：" + "".join(s.heading + "".join(p.question for p in s.qa) for s in sections),
        FontRole.BODY: "答："
        + "".join("".join(s.paragraphs) + "".join("".join(p.answer) for p in s.qa) for s in sections),
        FontRole.SONG: PAGE_NUMBER_TEXT,
    }
    return font_book().plan(texts, f"《{context.title}》")
