"""The shared block library: descriptions, previews, templates, and clean() on bad values."""

import pytest
from django.core.exceptions import ValidationError
from wagtail import blocks

from corporate.core import blocks as library
from corporate.core.blocks import BaseStreamBlock, StandardsListBlock

ALL_BLOCKS = {**BaseStreamBlock.base_blocks, **StandardsListBlock.base_blocks}


@pytest.mark.parametrize("name", sorted(ALL_BLOCKS))
def test_block_has_description_preview_and_template(name):
    block = ALL_BLOCKS[name]
    assert str(block.get_description()).strip(), f"{name} needs a description"
    assert block.meta.template.startswith("blocks/"), f"{name} needs its own template"
    assert hasattr(block.meta, "preview_value"), f"{name} needs a preview_value"


@pytest.mark.django_db
@pytest.mark.parametrize("name", sorted(ALL_BLOCKS))
def test_preview_value_renders(name):
    block = ALL_BLOCKS[name]
    html = block.render(block.get_preview_value())
    assert html.strip(), name


@pytest.mark.django_db
@pytest.mark.parametrize("name", sorted(set(ALL_BLOCKS) - {"image", "document"}))
def test_preview_value_is_valid(name):
    """The block picker's preview is a value an editor could have saved."""
    block = ALL_BLOCKS[name]
    block.clean(block.get_preview_value())


@pytest.mark.django_db
@pytest.mark.parametrize("name", ["heading", "numbered_points", "process_steps", "table", "faq"])
def test_block_picker_previews_are_served_in_the_admin(admin_client, name):
    """Wagtail's block picker shows these previews, styled with the site's CSS."""
    block = BaseStreamBlock().child_blocks[name]
    assert block.is_previewable
    response = admin_client.get("/admin/block-preview/", {"id": block.definition_prefix})
    assert response.status_code == 200
    html = response.content.decode()
    assert "corporate/site.css" in html
    assert block.render(block.get_preview_value()).strip()[:40] in html


def clean(block, value):
    return block.clean(block.to_python(value))


@pytest.mark.parametrize(
    "name, bad",
    [
        ("heading", {"heading": "", "level": "h2"}),
        ("heading", {"heading": "x" * 121, "level": "h2"}),
        ("heading", {"heading": "标题", "level": "h7"}),
        ("paragraph", ""),
        ("numbered_points", {"style": "ordinal", "points": []}),
        ("numbered_points", {"style": "roman", "points": [{"lead": "一", "text": ""}]}),
        ("numbered_points", {"style": "ordinal", "points": [{"lead": "", "text": "正文"}]}),
        ("image", {"image": None, "alt_text": "", "caption": "", "width": "content"}),
        ("quote", {"quote": "", "attribution": ""}),
        (
            "call_to_action",
            {"heading": "委托", "text": "", "button_label": "联系", "page": None, "url": ""},
        ),
        (
            "call_to_action",
            {
                "heading": "委托",
                "text": "",
                "button_label": "联系",
                "page": None,
                "url": "not a url",
            },
        ),
        ("key_figures", {"figures": [{"figure": "13", "label": "资质领域"}]}),
        (
            "key_figures",
            {"figures": [{"figure": "", "label": "资质"}, {"figure": "1", "label": "x"}]},
        ),
        ("process_steps", {"steps": [{"title": "咨询", "description": ""}]}),
        ("table", {"caption": "", "header": ["项目", "标准"], "rows": [{"cells": ["pH"]}]}),
        ("table", {"caption": "", "header": [], "rows": [{"cells": []}]}),
        ("table", {"caption": "", "header": ["项目"], "rows": []}),
        ("document", {"document": None, "title": "", "description": ""}),
        ("faq", {"heading": "", "items": []}),
        (
            "faq",
            {
                "heading": "",
                "items": [
                    {"question": "多久?", "answer": "<p>7天</p>"},
                    {"question": "多久?", "answer": "<p>5天</p>"},
                ],
            },
        ),
        ("standard", {"code": "", "name": "土壤标准"}),
        ("standard", {"code": "GB 36600<script>", "name": "土壤标准"}),
        ("standard", {"code": "国标36600", "name": "土壤标准"}),
    ],
)
def test_clean_rejects_bad_values(db, name, bad):
    with pytest.raises(ValidationError):
        clean(ALL_BLOCKS[name], bad)


@pytest.mark.parametrize(
    "name, good",
    [
        (
            "call_to_action",
            {
                "heading": "委托",
                "text": "",
                "button_label": "联系",
                "page": None,
                "url": "https://example.com/",
            },
        ),
        (
            "table",
            {
                "caption": "",
                "header": ["项目", "标准"],
                "rows": [{"cells": ["pH", "HJ 1147-2020"]}],
            },
        ),
        ("standard", {"code": "HJ 168-2020", "name": "环境监测分析方法标准制订技术导则"}),
        (
            "key_figures",
            {"figures": [{"figure": "13", "label": "资质领域"}, {"figure": "12", "label": "服务"}]},
        ),
    ],
)
def test_clean_accepts_good_values(db, name, good):
    clean(ALL_BLOCKS[name], good)


@pytest.mark.parametrize(
    "language, message",
    [("en", "Row 1 has 1 cells; the table has 2 columns."), ("zh-hans", "第 1 行")],
)
def test_error_messages_say_what_is_wrong(db, language, message):
    from django.utils import translation

    with translation.override(language), pytest.raises(ValidationError) as error:
        clean(
            ALL_BLOCKS["table"],
            {"caption": "", "header": ["项目", "标准"], "rows": [{"cells": ["pH"]}]},
        )
    with translation.override(language):
        assert message in str(error.value.block_errors["rows"])


def test_codes_are_not_offered_for_translation():
    """wagtail-localize translates CharBlock/TextBlock text and copies other values."""
    assert not isinstance(library.CodeBlock(), blocks.CharBlock)
    assert isinstance(library.StandardReferenceBlock().child_blocks["name"], blocks.CharBlock)


def test_tables_are_built_from_struct_rows_so_cells_are_translated():
    table = library.TranslatableTableBlock()
    assert isinstance(table.child_blocks["rows"].child_block, blocks.StructBlock)


def test_numbered_points_render_ordinals_in_each_language(db):
    from django.utils import translation

    block = ALL_BLOCKS["numbered_points"]
    value = block.to_python(
        {"style": "ordinal", "points": [{"lead": "甲。", "text": ""}, {"lead": "乙。", "text": ""}]}
    )
    with translation.override("zh-hans"):
        html = block.render(value)
        assert "一是" in html and "二是" in html
    with translation.override("en"):
        html = block.render(value)
        assert "First," in html and "Second," in html


def test_section_heading_anchor_is_ascii_and_stable():
    assert library.heading_anchor("3f2a1b9c-0000-4000-8000-000000000000") == "s-3f2a1b9c"


def test_choice_labels_are_not_indexed_for_search():
    """Search excerpts show what readers wrote, not the editor's choice labels."""
    heading = ALL_BLOCKS["heading"]
    value = heading.to_python({"heading": "厘清执法职责界限", "level": "h2"})
    assert heading.get_searchable_content(value) == ["厘清执法职责界限"]
