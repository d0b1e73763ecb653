"""python-docx helpers for the template generator: styles with East Asian fonts, schema-ordered XML."""

from __future__ import annotations

from docx.document import Document
from docx.enum.style import WD_STYLE_TYPE
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Pt, RGBColor
from docx.text.paragraph import Paragraph

# Word rejects a file whose property elements are out of schema order, so children are placed by these.
PPR_ORDER = [
    "pStyle", "keepNext", "keepLines", "pageBreakBefore", "framePr", "widowControl", "numPr",
    "suppressLineNumbers", "pBdr", "shd", "tabs", "suppressAutoHyphens", "kinsoku", "wordWrap",
    "overflowPunct", "topLinePunct", "autoSpaceDE", "autoSpaceDN", "bidi", "adjustRightInd", "snapToGrid",
    "spacing", "ind", "contextualSpacing", "mirrorIndents", "suppressOverlap", "jc", "textDirection",
    "textAlignment", "textboxTightWrap", "outlineLvl", "divId", "cnfStyle", "rPr", "sectPr", "pPrChange",
]  # fmt: skip
RPR_ORDER = [
    "rStyle", "rFonts", "b", "bCs", "i", "iCs", "caps", "smallCaps", "strike", "dstrike", "outline",
    "shadow", "emboss", "imprint", "noProof", "snapToGrid", "vanish", "webHidden", "color", "spacing", "w",
    "kern", "position", "sz", "szCs", "highlight", "u", "effect", "bdr", "shd", "fitText", "vertAlign",
    "rtl", "cs", "em", "lang", "eastAsianLayout", "specVanish", "oMath",
]  # fmt: skip
TBLPR_ORDER = [
    "tblStyle", "tblpPr", "tblOverlap", "bidiVisual", "tblStyleRowBandSize", "tblStyleColBandSize", "tblW",
    "jc", "tblCellSpacing", "tblInd", "tblBorders", "shd", "tblLayout", "tblCellMar", "tblLook",
    "tblCaption", "tblDescription", "tblPrChange",
]  # fmt: skip


def paragraph_style(
    doc: Document,
    name: str,
    font: str,
    size: float,
    *,
    first_indent: int = 0,
    left_indent: int = 0,
    right_indent: int = 0,
    unit: float = 16,
    align: WD_ALIGN_PARAGRAPH = WD_ALIGN_PARAGRAPH.JUSTIFY,
    color: RGBColor | None = None,
):  # type: ignore[no-untyped-def]
    """A paragraph style; indents are in characters (Word's 字符 units) of ``unit`` points."""
    style = doc.styles.add_style(name, WD_STYLE_TYPE.PARAGRAPH)
    style.base_style = doc.styles["Normal"]
    style.quick_style = True
    set_font(style, font, size, color)
    fmt = style.paragraph_format
    fmt.alignment = align
    indents = {}
    for key, chars in (("firstLine", first_indent), ("left", left_indent), ("right", right_indent)):
        if chars:
            indents[f"w:{key}Chars"] = str(chars * 100)
            indents[f"w:{key}"] = str(round(chars * unit * 20))
    if indents:
        child(style.element.get_or_add_pPr(), "w:ind", PPR_ORDER, indents)
    return style


def character_style(doc: Document, name: str, font: str) -> None:
    style = doc.styles.add_style(name, WD_STYLE_TYPE.CHARACTER)
    style.quick_style = True
    set_font(style, font, None)


def set_font(style, name: str, size: float | None, color: RGBColor | None = None) -> None:  # type: ignore[no-untyped-def]
    """Set a style's font for Latin and East Asian text alike (w:eastAsia is what Word uses for 汉字)."""
    style.font.name = name
    if size:
        style.font.size = Pt(size)
    if size and size > 16:  # titles and the 标志 sit at natural width, not on the 28-a-line body pitch
        child(style.element.get_or_add_rPr(), "w:spacing", RPR_ORDER, {"w:val": "0"})
    if color is not None:
        style.font.color.rgb = color
    fonts = style.element.get_or_add_rPr().get_or_add_rFonts()
    for key in ("w:ascii", "w:hAnsi", "w:eastAsia", "w:cs"):
        fonts.set(qn(key), name)
    fonts.set(qn("w:hint"), "eastAsia")


def border(style, edge: str, *, size: int, space: int, color: str) -> None:  # type: ignore[no-untyped-def]
    borders = child(style.element.get_or_add_pPr(), "w:pBdr", PPR_ORDER, {})
    border = OxmlElement(f"w:{edge}")
    for key, value in {"w:val": "single", "w:sz": str(size), "w:space": str(space), "w:color": color}.items():
        border.set(qn(key), value)
    borders.append(border)


def page_number(paragraph: Paragraph, align: WD_ALIGN_PARAGRAPH, doc: Document) -> None:
    """— N — in 4号宋体, one character in from the outer edge (odd pages right, even left)."""
    paragraph.style = doc.styles["公文-页码"]
    paragraph.alignment = align
    indent = paragraph.paragraph_format
    if align == WD_ALIGN_PARAGRAPH.RIGHT:
        indent.right_indent = Pt(14)
    else:
        indent.left_indent = Pt(14)
    paragraph.add_run("— ")
    run = paragraph.add_run()
    for kind, text in (("begin", None), (None, " PAGE "), ("end", None)):
        if kind:
            field = OxmlElement("w:fldChar")
            field.set(qn("w:fldCharType"), kind)
            run._r.append(field)
        else:
            instruction = OxmlElement("w:instrText")
            instruction.set(qn("xml:space"), "preserve")
            instruction.text = text
            run._r.append(instruction)
    paragraph.add_run(" —")


def add_paragraph(doc: Document, text: str, style: str) -> Paragraph:
    paragraph = doc.add_paragraph(style=doc.styles[style])
    paragraph.add_run(text)
    return paragraph


def add_runs(doc: Document, runs: list[tuple[str, str | None]]) -> None:
    paragraph = doc.add_paragraph(style=doc.styles["公文-正文"])
    for text, style in runs:
        run = paragraph.add_run(text)
        if style:
            run.style = doc.styles[style]


def add_blank(doc: Document, lines: int = 1) -> None:
    for _ in range(lines):
        doc.add_paragraph(style=doc.styles["公文-空行"])


def child(parent, tag: str, order: list[str], attributes: dict[str, str]):  # type: ignore[no-untyped-def]
    """The ``tag`` child of ``parent`` (created in schema order if missing), with ``attributes`` set."""
    element = parent.find(qn(tag))
    if element is None:
        element = OxmlElement(tag)
        later = order[order.index(tag.removeprefix("w:")) + 1 :]
        successor = next((c for c in parent if c.tag in {qn(f"w:{t}") for t in later}), None)
        if successor is None:
            parent.append(element)
        else:
            successor.addprevious(element)
    for key, value in attributes.items():
        element.set(qn(key), value)
    return element
