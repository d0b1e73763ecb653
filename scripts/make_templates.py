#!/usr/bin/env python3
"""Generate the Word templates in templates/ (GB/T 9704 page, styles, docxtpl tags).

Run `make templates` (or `.venv/bin/python scripts/make_templates.py`) after changing this file,
and commit the .docx files it writes. Clerks may then restyle the templates in Word: fonts, sizes and
spacing live in the named 公文-… / 解读-… styles; the {{ }} and {%p %} tags must stay as they are.
"""

from __future__ import annotations

import sys
from pathlib import Path

import docx
from docx.document import Document
from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_TAB_ALIGNMENT
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Mm, Pt, RGBColor, Twips
from docx_kit import (  # scripts/ is on the path when this runs as a script
    RPR_ORDER,
    TBLPR_ORDER,
    add_blank,
    add_paragraph,
    add_runs,
    border,
    character_style,
    child,
    page_number,
    paragraph_style,
    set_font,
)

TEMPLATES = Path(__file__).resolve().parent.parent / "templates"
# Office font names (Windows and WPS have them; Word substitutes where one is missing).
TITLE_FONT, BODY_FONT, HEI_FONT, KAI_FONT, SONG_FONT = (
    "方正小标宋简体",
    "仿宋_GB2312",
    "黑体",
    "楷体_GB2312",
    "宋体",
)
LINE_PITCH = Twips(579)  # 225 mm / 22 lines
# 28 characters of 16 pt are 448 pt, the block is 442.2 pt wide: −0.25 pt spacing (in 1/20 pt) makes 28
# fit, in Word and LibreOffice alike (a character grid is read differently by the two).
CHAR_SPACING = -5
SIGNATURE_CENTRE = Twips(round(21 * 156 / 28 / 25.4 * 1440))  # centre of the 成文日期, 4 characters in
RED = RGBColor(0xFF, 0x00, 0x00)


def main() -> int:
    """Write both templates."""
    TEMPLATES.mkdir(exist_ok=True)
    official_document().save(TEMPLATES / "official_document.docx")
    interpretation().save(TEMPLATES / "interpretation.docx")
    return 0


def official_document() -> Document:
    """The red-header 公文: 版头, 主体, enclosed document, 版记 at the foot of the last page."""
    doc = _page()
    add_paragraph(doc, "{{ issuer_mark }}", "公文-发文机关标志")
    add_blank(doc, 2)
    add_paragraph(doc, "{{ doc_number }}", "公文-发文字号")
    add_blank(doc, 2)
    add_paragraph(doc, '{{ title_lines|join("\\n") }}', "公文-标题")
    add_paragraph(doc, "{%p if main_recipients %}", "公文-空行")
    add_blank(doc)
    add_paragraph(doc, "{{ main_recipients }}：", "公文-主送机关")
    add_paragraph(doc, "{%p endif %}", "公文-空行")
    _body(doc, "body")
    add_paragraph(doc, "{%p if attachment_lines %}", "公文-空行")
    add_blank(doc)
    add_paragraph(doc, "附件：{{ attachment_lines[0] }}", "公文-附件说明")
    add_paragraph(doc, "{%p for line in attachment_lines[1:] %}", "公文-空行")
    add_paragraph(doc, "{{ line }}", "公文-附件说明续行")
    add_paragraph(doc, "{%p endfor %}", "公文-空行")
    add_paragraph(doc, "{%p endif %}", "公文-空行")
    add_blank(doc)
    add_paragraph(doc, "\t{{ signer }}", "公文-署名")
    add_paragraph(doc, "\t{{ signed_on_text }}", "公文-署名")
    add_paragraph(doc, "{{ annotation }}", "公文-附注")
    add_paragraph(doc, "{%p if enclosure %}", "公文-空行")
    add_paragraph(doc, '{{ enclosure.title_lines|join("\\n") }}', "公文-印发文件标题")
    add_blank(doc)
    _body(doc, "enclosure.blocks")
    add_paragraph(doc, "{%p endif %}", "公文-空行")
    _colophon(doc)
    add_blank(doc)  # a document ends with a paragraph; LibreOffice drops a floating table that ends it
    return doc


def interpretation() -> Document:
    """政策解读: 文字解读 sections and 简明问答 pairs."""
    doc = _page()
    add_paragraph(doc, '{{ title_lines|join("\\n") }}', "解读-标题")
    add_paragraph(doc, "{{ organ }}　{{ published_on_text }}", "解读-署名")
    add_paragraph(doc, "解读文件：《{{ policy_title }}》（{{ doc_number }}）", "解读-署名")
    add_blank(doc)
    add_paragraph(doc, "{%p for section in sections %}", "公文-空行")
    add_paragraph(doc, "{%p if section.heading %}", "公文-空行")
    add_paragraph(doc, "{{ section.heading }}", "解读-小标题")
    add_paragraph(doc, "{%p endif %}", "公文-空行")
    add_paragraph(doc, "{%p for paragraph in section.paragraphs %}", "公文-空行")
    add_paragraph(doc, "{{ paragraph }}", "公文-正文")
    add_paragraph(doc, "{%p endfor %}", "公文-空行")
    add_paragraph(doc, "{%p for pair in section.qa %}", "公文-空行")
    add_paragraph(doc, "问：{{ pair.question }}", "解读-问")
    add_paragraph(doc, "{%p for answer in pair.answer %}", "公文-空行")
    add_paragraph(doc, "{% if loop.first %}答：{% endif %}{{ answer }}", "公文-正文")
    add_paragraph(doc, "{%p endfor %}", "公文-空行")
    add_paragraph(doc, "{%p endfor %}", "公文-空行")
    add_paragraph(doc, "{%p endfor %}", "公文-空行")
    return doc


def _body(doc: Document, blocks: str) -> None:
    """正文 blocks: the heading run in 黑体 (一、) or 楷体 (（一）), the rest in the paragraph's 仿宋."""
    add_paragraph(doc, f"{{%p for block in {blocks} %}}", "公文-空行")
    add_paragraph(doc, "{%p if block.level == 1 %}", "公文-空行")
    add_runs(doc, [("{{ block.heading }}", "公文-一级标题"), ("{{ block.text }}", None)])
    add_paragraph(doc, "{%p elif block.level == 2 %}", "公文-空行")
    add_runs(doc, [("{{ block.heading }}", "公文-二级标题"), ("{{ block.text }}", None)])
    add_paragraph(doc, "{%p else %}", "公文-空行")
    add_paragraph(doc, "{{ block.heading }}{{ block.text }}", "公文-正文")
    add_paragraph(doc, "{%p endif %}", "公文-空行")
    add_paragraph(doc, "{%p endfor %}", "公文-空行")


def _colophon(doc: Document) -> None:
    """版记: a table floated to the foot of the text block, thick rules outside, thin between rows."""
    table = doc.add_table(rows=4, cols=1)
    texts = [
        "{%tr if copy_to %}",
        "抄送：{{ copy_to }}。",
        "{%tr endif %}",
        "{{ printing_organ }}\t{{ printed_on_text }}印发",
    ]
    for row, text in zip(table.rows, texts, strict=True):
        paragraph = row.cells[0].paragraphs[0]
        paragraph.style = doc.styles["公文-版记"]
        paragraph.add_run(text)
    properties = table._tbl.tblPr
    child(
        properties,
        "w:tblpPr",
        TBLPR_ORDER,
        {
            "w:vertAnchor": "margin",
            "w:horzAnchor": "margin",
            "w:tblpYSpec": "bottom",
            "w:tblpXSpec": "center",
        },
    )
    child(properties, "w:tblOverlap", TBLPR_ORDER, {"w:val": "never"})
    child(properties, "w:tblW", TBLPR_ORDER, {"w:w": "5000", "w:type": "pct"})
    borders = child(properties, "w:tblBorders", TBLPR_ORDER, {})
    for edge, size in (("top", 8), ("left", 0), ("bottom", 8), ("right", 0), ("insideH", 6), ("insideV", 0)):
        border = OxmlElement(f"w:{edge}")
        attributes = {
            "w:val": "single" if size else "nil",
            "w:sz": str(size),
            "w:space": "0",
            "w:color": "000000",
        }
        for key, value in attributes.items():
            border.set(qn(key), value)
        borders.append(border)


def _page() -> Document:
    """A4, 天头 37 mm, 订口 28 mm, text block 156 × 225 mm, 22 × 28 grid, page numbers — N —."""
    doc = docx.Document()
    section = doc.sections[0]
    section.page_width, section.page_height = Mm(210), Mm(297)
    section.top_margin, section.left_margin = Mm(37), Mm(28)
    section.right_margin, section.bottom_margin = Mm(26), Mm(35)
    section.header_distance, section.footer_distance = Mm(15), Mm(22)  # 页码 ≈7 mm under the block
    grid = section._sectPr.find(qn("w:docGrid"))
    if grid is None:
        grid = OxmlElement("w:docGrid")
        section._sectPr.append(grid)
    grid.set(qn("w:type"), "lines")
    grid.set(qn("w:linePitch"), str(LINE_PITCH.twips))
    _styles(doc)
    doc.settings.odd_and_even_pages_header_footer = True
    page_number(section.footer.paragraphs[0], WD_ALIGN_PARAGRAPH.RIGHT, doc)
    page_number(section.even_page_footer.paragraphs[0], WD_ALIGN_PARAGRAPH.LEFT, doc)
    doc.core_properties.author = "policyflow"
    doc.core_properties.title = "公文模板"
    body = doc.element.body
    for paragraph in list(body.iterchildren(qn("w:p"))):
        body.remove(paragraph)  # python-docx's default template starts with an empty paragraph
    return doc


def _styles(doc: Document) -> None:
    normal = doc.styles["Normal"]
    set_font(normal, BODY_FONT, 16)
    child(normal.element.get_or_add_rPr(), "w:spacing", RPR_ORDER, {"w:val": str(CHAR_SPACING)})
    normal.paragraph_format.line_spacing = LINE_PITCH
    normal.paragraph_format.space_before = normal.paragraph_format.space_after = 0
    paragraph_style(doc, "公文-空行", BODY_FONT, 16)
    paragraph_style(doc, "公文-正文", BODY_FONT, 16, first_indent=2)
    mark = paragraph_style(
        doc, "公文-发文机关标志", TITLE_FONT, 36, align=WD_ALIGN_PARAGRAPH.CENTER, color=RED
    )
    mark.paragraph_format.space_before = Mm(33)
    mark.paragraph_format.line_spacing = 1.0
    number = paragraph_style(doc, "公文-发文字号", BODY_FONT, 16, align=WD_ALIGN_PARAGRAPH.CENTER)
    border(number, "bottom", size=12, space=11, color="FF0000")  # red rule 4 mm (11 pt) under 字号
    paragraph_style(doc, "公文-标题", TITLE_FONT, 22, align=WD_ALIGN_PARAGRAPH.CENTER)
    enclosure = paragraph_style(doc, "公文-印发文件标题", TITLE_FONT, 22, align=WD_ALIGN_PARAGRAPH.CENTER)
    enclosure.paragraph_format.page_break_before = True
    paragraph_style(doc, "公文-主送机关", BODY_FONT, 16)
    paragraph_style(doc, "公文-附件说明", BODY_FONT, 16, first_indent=2)
    paragraph_style(doc, "公文-附件说明续行", BODY_FONT, 16, left_indent=5)
    signature = paragraph_style(doc, "公文-署名", BODY_FONT, 16)
    signature.paragraph_format.tab_stops.add_tab_stop(SIGNATURE_CENTRE, WD_TAB_ALIGNMENT.CENTER)
    signature.paragraph_format.keep_with_next = True  # 署名, 成文日期 and 附注 stay on one page
    paragraph_style(doc, "公文-附注", BODY_FONT, 16, first_indent=2)
    colophon = paragraph_style(doc, "公文-版记", BODY_FONT, 14, left_indent=1, right_indent=1, unit=14)
    colophon.paragraph_format.tab_stops.add_tab_stop(Mm(156) - Pt(28), WD_TAB_ALIGNMENT.RIGHT)
    paragraph_style(doc, "公文-页码", SONG_FONT, 14)
    character_style(doc, "公文-一级标题", HEI_FONT)
    character_style(doc, "公文-二级标题", KAI_FONT)
    paragraph_style(doc, "解读-标题", TITLE_FONT, 22, align=WD_ALIGN_PARAGRAPH.CENTER)
    paragraph_style(doc, "解读-署名", KAI_FONT, 16, align=WD_ALIGN_PARAGRAPH.CENTER)
    paragraph_style(doc, "解读-小标题", HEI_FONT, 16, first_indent=2)
    paragraph_style(doc, "解读-问", HEI_FONT, 16, first_indent=2)


if __name__ == "__main__":
    sys.exit(main())
