"""The one shared block library. Every page's body uses ``BaseStreamBlock`` (or a stream
block that extends it, such as the news body); each block has a description and a preview
value for Wagtail's block picker, its own template, and ``clean()`` where a value can be wrong.

wagtail-localize offers CharBlock, TextBlock and RichTextBlock text for translation and copies
every other value, so values that must never be translated (standard codes, phone numbers)
use ``CodeBlock``, which is not a CharBlock.
"""

import re

from django import forms
from django.core.exceptions import ValidationError
from django.core.validators import RegexValidator
from django.utils.functional import cached_property
from django.utils.translation import gettext_lazy as _
from wagtail import blocks
from wagtail.blocks.struct_block import StructBlockValidationError
from wagtail.documents.blocks import DocumentChooserBlock
from wagtail.images.blocks import ImageChooserBlock

PARAGRAPH_FEATURES = ["bold", "italic", "link", "document-link", "ol", "ul", "superscript"]


class CodeBlock(blocks.FieldBlock):
    """A short code that is the same in every language (GB 36600-2018, HJ 168-2020).

    Deliberately not a CharBlock: wagtail-localize copies its value to translations."""

    def __init__(self, required=True, help_text=None, max_length=64, **kwargs):
        self.field = forms.CharField(
            required=required,
            help_text=help_text,
            max_length=max_length,
            validators=[
                RegexValidator(
                    r"^[A-Za-z0-9][A-Za-z0-9 ./:()+\-–—]*$",
                    _("Use Latin letters, digits, spaces and . / - ( ) only, e.g. HJ 168-2020."),
                )
            ],
        )
        super().__init__(**kwargs)

    def get_searchable_content(self, value):
        return [value] if value else []

    class Meta:
        icon = "code"


class SectionHeadingBlock(blocks.StructBlock):
    heading = blocks.CharBlock(label=_("Heading"), max_length=120)
    level = blocks.ChoiceBlock(
        search_index=False,
        label=_("Level"),
        choices=[("h2", _("Section (H2)")), ("h3", _("Subsection (H3)"))],
        default="h2",
    )

    class Meta:
        icon = "title"
        label = _("Section heading")
        template = "blocks/section_heading.html"
        description = _("Starts a section; H2 headings also appear in the table of contents.")
        preview_value = {"heading": "厘清执法职责界限，突出“依法”执法", "level": "h2"}


class ParagraphBlock(blocks.RichTextBlock):
    def __init__(self, **kwargs):
        kwargs.setdefault("features", PARAGRAPH_FEATURES)
        super().__init__(**kwargs)

    class Meta:
        icon = "pilcrow"
        label = _("Paragraph")
        template = "blocks/paragraph.html"
        description = _("Running text with bold, italics, links and lists.")
        preview_value = (
            "<p>山东国评检测服务有限公司是一家具备 <b>CMA 资质认定</b> 的第三方环境检测机构，"
            "为政府部门与企业提供水、气、土壤、噪声等检测服务。</p>"
        )


class NumberedPointBlock(blocks.StructBlock):
    lead = blocks.CharBlock(
        label=_("Lead sentence"),
        max_length=200,
        help_text=_("Shown in bold, after the ordinal (一是 / First)."),
    )
    text = blocks.TextBlock(
        label=_("Text"),
        required=False,
        default="",
        help_text=_("The rest of the point. A blank line starts a new paragraph."),
    )

    class Meta:
        icon = "list-ol"
        label = _("Point")


class NumberedPointsBlock(blocks.StructBlock):
    """The 一是 / 二是 points of Chinese policy writing ("First, ..." in English)."""

    style = blocks.ChoiceBlock(
        search_index=False,
        label=_("Numbering"),
        choices=[
            ("ordinal", _("Ordinal words (一是, 二是 / First, Second)")),
            ("decimal", _("Numbers (1. 2. 3.)")),
            ("none", _("No numbers")),
        ],
        default="ordinal",
    )
    points = blocks.ListBlock(NumberedPointBlock(), label=_("Points"), min_num=1, max_num=20)

    class Meta:
        icon = "list-ol"
        label = _("Numbered points")
        template = "blocks/numbered_points.html"
        description = _("Points that each start with a bold lead sentence, numbered 一是/二是.")
        preview_value = {
            "style": "ordinal",
            "points": [
                {
                    "lead": "实施执法事项清单管理，建立执法履职责任制度。",
                    "text": "坚持权责法定、依法监管。",
                },
                {"lead": "健全部门协调联动机制，强化联勤联动执法。", "text": "建立信息共享机制。"},
            ],
        }


class ImageWithCaptionBlock(blocks.StructBlock):
    image = ImageChooserBlock(label=_("Image"))
    alt_text = blocks.CharBlock(
        label=_("Alternative text"),
        max_length=200,
        required=False,
        default="",
        help_text=_(
            "Describe the image for people who cannot see it. Leave empty to use the image's description."
        ),
    )
    caption = blocks.CharBlock(label=_("Caption"), max_length=250, required=False, default="")
    width = blocks.ChoiceBlock(
        search_index=False,
        label=_("Width"),
        choices=[("content", _("Text width")), ("wide", _("Wide"))],
        default="content",
    )

    class Meta:
        icon = "image"
        label = _("Image with caption")
        template = "blocks/image_with_caption.html"
        description = _("A photograph or figure with an optional caption.")
        preview_value = {"caption": "实验室一角（示例）", "width": "content"}


class QuoteBlock(blocks.StructBlock):
    quote = blocks.TextBlock(label=_("Quote"), max_length=1000)
    attribution = blocks.CharBlock(
        label=_("Attribution"), max_length=200, required=False, default=""
    )

    class Meta:
        icon = "openquote"
        label = _("Quote")
        template = "blocks/quote.html"
        description = _("A quotation set apart from the text, with its source.")
        preview_value = {
            "quote": "执法首先要“依法”。",
            "attribution": "山东省生态环境厅",
        }


class CallToActionBlock(blocks.StructBlock):
    heading = blocks.CharBlock(label=_("Heading"), max_length=120)
    text = blocks.TextBlock(label=_("Text"), max_length=400, required=False, default="")
    button_label = blocks.CharBlock(label=_("Button label"), max_length=40)
    page = blocks.PageChooserBlock(label=_("Link to a page"), required=False)
    url = blocks.URLBlock(label=_("Or an external address"), required=False)

    def clean(self, value):
        value = super().clean(value)
        if bool(value.get("page")) == bool(value.get("url")):
            message = _("Choose a page or enter an address, not both and not neither.")
            raise StructBlockValidationError(
                block_errors={"page": ValidationError(message), "url": ValidationError(message)}
            )
        return value

    class Meta:
        icon = "pick"
        label = _("Call to action")
        template = "blocks/call_to_action.html"
        description = _("A highlighted box that sends readers to a page, e.g. the inquiry form.")
        preview_value = {
            "heading": "需要检测服务？",
            "text": "告诉我们样品类型和检测项目，我们将在一个工作日内回复报价。",
            "button_label": "委托检测",
            "url": "https://example.com/",
        }


class KeyFigureBlock(blocks.StructBlock):
    figure = blocks.CharBlock(label=_("Figure"), max_length=20, help_text=_("e.g. 13, 2000+, 24 h"))
    label = blocks.CharBlock(label=_("Label"), max_length=80)

    class Meta:
        icon = "order"
        label = _("Key figure")


class KeyFiguresBlock(blocks.StructBlock):
    figures = blocks.ListBlock(KeyFigureBlock(), label=_("Figures"), min_num=2, max_num=6)

    class Meta:
        icon = "order"
        label = _("Key figures")
        template = "blocks/key_figures.html"
        description = _(
            "Two to six large figures with labels, such as accreditation areas or years."
        )
        preview_value = {
            "figures": [
                {"figure": "13", "label": "资质领域"},
                {"figure": "12", "label": "服务项目"},
                {"figure": "2019", "label": "成立年份"},
            ]
        }


class ProcessStepBlock(blocks.StructBlock):
    title = blocks.CharBlock(label=_("Step"), max_length=80)
    description = blocks.TextBlock(
        label=_("Description"), max_length=600, required=False, default=""
    )

    class Meta:
        icon = "arrow-right"
        label = _("Step")


class ProcessStepsBlock(blocks.StructBlock):
    steps = blocks.ListBlock(ProcessStepBlock(), label=_("Steps"), min_num=2, max_num=12)

    class Meta:
        icon = "arrow-right"
        label = _("Process steps")
        template = "blocks/process_steps.html"
        description = _("Numbered steps of a procedure, such as how a commission is handled.")
        preview_value = {
            "steps": [
                {"title": "咨询洽谈", "description": "了解检测目的、样品和标准要求。"},
                {"title": "签订合同", "description": "确认检测方案、周期和费用。"},
                {"title": "出具报告", "description": "审核后出具带 CMA 标识的检测报告。"},
            ]
        }


class TableRowBlock(blocks.StructBlock):
    cells = blocks.ListBlock(
        blocks.CharBlock(label=_("Cell"), max_length=300, required=False, default=""),
        label=_("Cells"),
    )

    class Meta:
        icon = "list-ul"
        label = _("Row")


class TranslatableTableBlock(blocks.StructBlock):
    """A table made of StructBlock rows, so wagtail-localize offers every cell for translation
    (it skips TableBlock and TypedTableBlock)."""

    caption = blocks.CharBlock(label=_("Caption"), max_length=200, required=False, default="")
    header = blocks.ListBlock(
        blocks.CharBlock(label=_("Column heading"), max_length=120),
        label=_("Column headings"),
        min_num=1,
        max_num=8,
    )
    rows = blocks.ListBlock(TableRowBlock(), label=_("Rows"), min_num=1, max_num=100)

    def clean(self, value):
        value = super().clean(value)
        columns = len(value["header"])
        for index, row in enumerate(value["rows"], start=1):
            if len(row["cells"]) != columns:
                raise StructBlockValidationError(
                    block_errors={
                        "rows": ValidationError(
                            _("Row %(row)d has %(cells)d cells; the table has %(columns)d columns.")
                            % {"row": index, "cells": len(row["cells"]), "columns": columns}
                        )
                    }
                )
        return value

    class Meta:
        icon = "table"
        label = _("Table")
        template = "blocks/table.html"
        description = _("A table whose headings and cells are translated with the page.")
        preview_value = {
            "caption": "检测项目示例",
            "header": ["检测项目", "方法标准"],
            "rows": [
                {"cells": ["pH 值", "HJ 1147-2020"]},
                {"cells": ["化学需氧量", "HJ 828-2017"]},
            ],
        }


class DocumentDownloadBlock(blocks.StructBlock):
    document = DocumentChooserBlock(label=_("Document"))
    title = blocks.CharBlock(
        label=_("Link text"),
        max_length=200,
        required=False,
        default="",
        help_text=_("Defaults to the document's title."),
    )
    description = blocks.TextBlock(
        label=_("Description"), max_length=400, required=False, default=""
    )

    class Meta:
        icon = "doc-full"
        label = _("Document download")
        template = "blocks/document_download.html"
        description = _("A link to download a file, with its type and size.")
        preview_value = {
            "title": "委托检测协议书（示例）",
            "description": "PDF 格式，签字盖章后寄回。",
        }


class FAQItemBlock(blocks.StructBlock):
    question = blocks.CharBlock(label=_("Question"), max_length=250)
    answer = blocks.RichTextBlock(label=_("Answer"), features=PARAGRAPH_FEATURES)

    class Meta:
        icon = "help"
        label = _("Question and answer")


class FAQBlock(blocks.StructBlock):
    heading = blocks.CharBlock(label=_("Heading"), max_length=120, required=False, default="")
    items = blocks.ListBlock(FAQItemBlock(), label=_("Questions"), min_num=1, max_num=30)

    def clean(self, value):
        value = super().clean(value)
        questions = [item["question"].strip() for item in value["items"]]
        if len(set(questions)) != len(questions):
            raise StructBlockValidationError(
                block_errors={"items": ValidationError(_("Each question may appear only once."))}
            )
        return value

    class Meta:
        icon = "help"
        label = _("FAQ")
        template = "blocks/faq.html"
        description = _("Questions and answers that open and close.")
        preview_value = {
            "heading": "常见问题",
            "items": [
                {"question": "检测报告多久出具？", "answer": "<p>常规项目一般为 7 个工作日。</p>"},
                {
                    "question": "可以上门采样吗？",
                    "answer": "<p>可以，山东省内均可安排现场采样。</p>",
                },
            ],
        }


class StandardReferenceBlock(blocks.StructBlock):
    """A method standard: the code is copied to translations, the name is translated."""

    code = CodeBlock(label=_("Standard code"), help_text=_("e.g. HJ 168-2020"))
    name = blocks.CharBlock(label=_("Name"), max_length=200)

    class Meta:
        icon = "doc-full-inverse"
        label = _("Standard")
        template = "blocks/standard_reference.html"
        description = _("A method standard by code and name.")
        preview_value = {
            "code": "GB 36600-2018",
            "name": "土壤环境质量 建设用地土壤污染风险管控标准（试行）",
        }


class LinkTargetMixin:
    """A link to a page (followed into the visitor's language) or to an external address."""

    @property
    def link_page(self):
        from corporate.core.localize_gaps.page_references import localized

        return localized(self.get("page"))

    @property
    def has_link(self):
        return bool(self.link_page or self.get("url"))


class SlideValue(LinkTargetMixin, blocks.StructValue):
    @property
    def headline(self):
        return self.get("heading")


def link_or_address_errors(value, label_field):
    """Errors of a link made of a label, a page and an address: not both a page and an address,
    and a label only with a link (and a link only with a label)."""
    errors = {}
    if value.get("page") and value.get("url"):
        message = _("Choose a page or enter an address, not both.")
        errors["page"] = ValidationError(message)
        errors["url"] = ValidationError(message)
    has_link = bool(value.get("page") or value.get("url"))
    if value.get(label_field) and not has_link:
        errors["page"] = ValidationError(_("A button needs a page or an address to link to."))
    if has_link and not value.get(label_field):
        errors[label_field] = ValidationError(_("Give the button a label."))
    return errors


class SlideBlock(blocks.StructBlock):
    """One slide of the home page's carousel: a background image, a headline, a short text and
    an optional button."""

    image = ImageChooserBlock(
        label=_("Image"),
        help_text=_("A wide photograph, at least 1920×760; the text sits on a dark overlay."),
    )
    heading = blocks.CharBlock(label=_("Headline"), max_length=120)
    text = blocks.TextBlock(label=_("Text"), max_length=400, required=False, default="")
    link_label = blocks.CharBlock(
        label=_("Button label"), max_length=40, required=False, default=""
    )
    page = blocks.PageChooserBlock(label=_("Button links to a page"), required=False)
    url = blocks.URLBlock(label=_("Or to an address"), required=False)

    def clean(self, value):
        value = super().clean(value)
        errors = link_or_address_errors(value, "link_label")
        if errors:
            raise StructBlockValidationError(block_errors=errors)
        return value

    class Meta:
        icon = "image"
        label = _("Slide")
        template = "blocks/slide.html"
        value_class = SlideValue
        description = _("A slide of the home page's carousel: image, headline, text and a button.")
        preview_value = {
            "heading": "用准确的检测数据守护生态环境",
            "text": "水、气、土壤、固体废物、噪声检测，一站式服务。",
            "link_label": "",
            "url": "",
        }


class SlidesBlock(blocks.StreamBlock):
    slide = SlideBlock()


class MapValue(blocks.StructValue):
    @cached_property
    def place(self):
        """The place shown, each value falling back to the company profile's."""
        from corporate.core.maps import company_place
        from corporate.core.models import CompanyProfile

        return company_place(
            CompanyProfile.for_locale(),
            name=self.get("place_name"),
            address=self.get("address"),
            latitude=self.get("latitude"),
            longitude=self.get("longitude"),
        )


class MapBlock(blocks.StructBlock):
    """A map picture the editor uploads, with links that open the place in Amap and Baidu Maps:
    no map script or API key, and it works in WeChat's browser."""

    image = ImageChooserBlock(
        label=_("Map image"),
        required=False,
        help_text=_("A picture of the map (e.g. a screenshot or a drawn location plan)."),
    )
    alt_text = blocks.CharBlock(
        label=_("Map description"),
        max_length=200,
        required=False,
        default="",
        help_text=_("Where the place is, for people who cannot see the map."),
    )
    caption = blocks.CharBlock(label=_("Caption"), max_length=250, required=False, default="")
    place_name = blocks.CharBlock(
        label=_("Place name"),
        max_length=120,
        required=False,
        default="",
        help_text=_("Shown on the marker in the map apps; defaults to the company name."),
    )
    address = blocks.CharBlock(
        label=_("Address"),
        max_length=250,
        required=False,
        default="",
        help_text=_("Defaults to the company profile's address."),
    )
    latitude = blocks.FloatBlock(
        label=_("Latitude"),
        required=False,
        min_value=-90,
        max_value=90,
        help_text=_(
            "GCJ-02, as Amap's coordinate picker shows it, e.g. 36.651200. Defaults to the company profile's."
        ),
    )
    longitude = blocks.FloatBlock(
        label=_("Longitude"),
        required=False,
        min_value=-180,
        max_value=180,
        help_text=_("e.g. 117.120100"),
    )

    def clean(self, value):
        value = super().clean(value)
        has_latitude = value.get("latitude") is not None
        has_longitude = value.get("longitude") is not None
        if has_latitude != has_longitude:
            message = _("Enter both the latitude and the longitude, or neither.")
            raise StructBlockValidationError(
                block_errors={
                    "latitude": ValidationError(message),
                    "longitude": ValidationError(message),
                }
            )
        if value.get("image") and not value.get("alt_text"):
            raise StructBlockValidationError(
                block_errors={
                    "alt_text": ValidationError(_("Describe the map for people who cannot see it."))
                }
            )
        return value

    class Meta:
        icon = "site"
        label = _("Map")
        template = "blocks/map.html"
        value_class = MapValue
        description = _("A map picture with links that open the place in Amap and Baidu Maps.")
        preview_value = {
            "alt_text": "",
            "caption": "",
            "place_name": "山东国评检测服务有限公司",
            "address": "山东省济南市历下区经十路 0000 号（示例地址）",
            "latitude": 36.6512,
            "longitude": 117.1201,
        }


class ClientLogoBlock(blocks.StructBlock):
    name = blocks.CharBlock(label=_("Client name"), max_length=120)
    image = ImageChooserBlock(
        label=_("Logo"), required=False, help_text=_("Without a logo the name is shown.")
    )
    url = blocks.URLBlock(label=_("Link"), required=False)

    class Meta:
        icon = "user"
        label = _("Client")


class ClientLogoWallBlock(blocks.StructBlock):
    heading = blocks.CharBlock(label=_("Heading"), max_length=120, required=False, default="")
    clients = blocks.ListBlock(ClientLogoBlock(), label=_("Clients"), min_num=2, max_num=40)

    def clean(self, value):
        value = super().clean(value)
        names = [client["name"].strip() for client in value["clients"]]
        if len(set(names)) != len(names):
            raise StructBlockValidationError(
                block_errors={"clients": ValidationError(_("Each client may appear only once."))}
            )
        return value

    class Meta:
        icon = "group"
        label = _("Client logos")
        template = "blocks/client_logos.html"
        description = _("A wall of client logos with their names and optional links.")
        preview_value = {
            "heading": "服务客户",
            "clients": [
                {"name": "示例化工有限公司", "url": ""},
                {"name": "示例工业园区管委会", "url": ""},
                {"name": "示例建设集团", "url": ""},
            ],
        }


class BaseStreamBlock(blocks.StreamBlock):
    heading = SectionHeadingBlock()
    paragraph = ParagraphBlock()
    numbered_points = NumberedPointsBlock()
    image = ImageWithCaptionBlock()
    quote = QuoteBlock()
    call_to_action = CallToActionBlock()
    key_figures = KeyFiguresBlock()
    process_steps = ProcessStepsBlock()
    table = TranslatableTableBlock()
    document = DocumentDownloadBlock()
    faq = FAQBlock()
    client_logos = ClientLogoWallBlock()
    map = MapBlock()


class StandardsListBlock(blocks.StreamBlock):
    """The method standards an accreditation area covers."""

    standard = StandardReferenceBlock()


def heading_anchor(block_id):
    """A stable, ASCII anchor for a heading block, the same in every language."""
    return "s-" + re.sub(r"[^a-z0-9]", "", str(block_id).lower())[:8]
