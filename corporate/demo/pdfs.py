"""Small real PDFs for the demo download centre (the commissioning form 委托单, the sample
submission guide 送样须知 …), drawn with reportlab in Chinese and in English.

Chinese uses reportlab's built-in CID font STSong-Light (Adobe-GB1): no font file is needed to
build them, and PDF readers show it with their own Song typeface. The content of each PDF is
data in corporate/demo/content/zh/*.yaml (``pdfs:``); its English comes from the same PO files
as the rest of the demo."""

import io

from reportlab.lib import colors
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.cidfonts import UnicodeCIDFont
from reportlab.platypus import (
    ListFlowable,
    ListItem,
    Paragraph,
    SimpleDocTemplate,
    Spacer,
    Table,
    TableStyle,
)
from reportlab.platypus.doctemplate import LayoutError

CHINESE_FONT = "STSong-Light"
LATIN_FONT = "Helvetica"
LATIN_BOLD = "Helvetica-Bold"
BRAND = colors.HexColor("#0e6b5c")


class PdfError(Exception):
    pass


def _fonts(language):
    if language.startswith("zh"):
        if CHINESE_FONT not in pdfmetrics.getRegisteredFontNames():
            pdfmetrics.registerFont(UnicodeCIDFont(CHINESE_FONT))
        return CHINESE_FONT, CHINESE_FONT
    return LATIN_FONT, LATIN_BOLD


def _styles(language):
    regular, bold = _fonts(language)
    leading = 1.7 if language.startswith("zh") else 1.45
    return {
        "title": ParagraphStyle(
            "title", fontName=bold, fontSize=18, leading=26, textColor=BRAND, spaceAfter=4
        ),
        "subtitle": ParagraphStyle(
            "subtitle", fontName=regular, fontSize=10, leading=15, textColor=colors.grey
        ),
        "heading": ParagraphStyle(
            "heading",
            fontName=bold,
            fontSize=12,
            leading=18,
            textColor=BRAND,
            spaceBefore=10,
            spaceAfter=4,
        ),
        "body": ParagraphStyle(
            "body",
            fontName=regular,
            fontSize=10,
            leading=10 * leading,
            wordWrap="CJK" if language.startswith("zh") else None,
        ),
        "cell": ParagraphStyle(
            "cell",
            fontName=regular,
            fontSize=9.5,
            leading=14,
            wordWrap="CJK" if language.startswith("zh") else None,
        ),
    }


def _escape(text):
    return str(text).replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def build_pdf(spec, language, translate=lambda text: text):
    """The bytes of one PDF. ``spec``: {title, subtitle, sections: [{heading, fields | items |
    paragraphs}], footer}; ``translate`` turns each Chinese string into the language's."""
    styles = _styles(language)
    t = lambda text: _escape(translate(text))  # noqa: E731
    story = [Paragraph(t(spec["title"]), styles["title"])]
    if spec.get("subtitle"):
        story.append(Paragraph(t(spec["subtitle"]), styles["subtitle"]))
    story.append(Spacer(1, 6 * mm))
    for section in spec.get("sections", []):
        story.append(Paragraph(t(section["heading"]), styles["heading"]))
        for text in section.get("paragraphs", []):
            story.append(Paragraph(t(text), styles["body"]))
        if section.get("items"):
            story.append(
                ListFlowable(
                    [ListItem(Paragraph(t(item), styles["body"])) for item in section["items"]],
                    bulletType="1",
                    bulletFontName=styles["body"].fontName,
                    bulletFontSize=10,
                    leftIndent=14,
                )
            )
        if section.get("fields"):
            rows = [[Paragraph(t(label), styles["cell"]), ""] for label in section["fields"]]
            table = Table(rows, colWidths=[52 * mm, None])
            table.setStyle(
                TableStyle(
                    [
                        ("GRID", (0, 0), (-1, -1), 0.5, colors.HexColor("#7b8c98")),
                        ("BACKGROUND", (0, 0), (0, -1), colors.HexColor("#eff5f3")),
                        ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
                        ("TOPPADDING", (0, 0), (-1, -1), 7),
                        ("BOTTOMPADDING", (0, 0), (-1, -1), 7),
                    ]
                )
            )
            story.append(table)
    if spec.get("footer"):
        story.append(Spacer(1, 10 * mm))
        story.append(Paragraph(t(spec["footer"]), styles["body"]))
    buffer = io.BytesIO()
    document = SimpleDocTemplate(
        buffer,
        pagesize=A4,
        leftMargin=20 * mm,
        rightMargin=20 * mm,
        topMargin=18 * mm,
        bottomMargin=18 * mm,
        title=translate(spec["title"]),
        author=translate(spec.get("author", "")),
        lang="zh-CN" if language.startswith("zh") else "en",
    )
    try:
        document.build(story)
    except LayoutError as error:  # a content mistake, e.g. a field label far too long
        raise PdfError(f"{spec['title']}: {error}") from error
    return buffer.getvalue()
