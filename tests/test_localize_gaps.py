"""Each workaround in corporate/core/localize_gaps/ beside the upstream behaviour it works
around. The ``upstream`` tests fail when Wagtail or wagtail-localize changes that behaviour:
the workaround may then be deleted (each module says what would let it go)."""

import json
import sys
import threading

import pytest
from django.urls import reverse
from modelcluster.contrib.taggit import ClusterTaggableManager
from wagtail.admin.rich_text import DraftailRichTextArea
from wagtail.admin.rich_text.converters.contentstate import ContentstateConverter
from wagtail.models import Page
from wagtail.permission_policies import ModelPermissionPolicy
from wagtail_localize.fields import SynchronizedField, TranslatableField, get_translatable_fields
from wagtail_localize.models import StringSegment, Translation, TranslationSource

from corporate.core.cjk import has_han
from corporate.core.localize_gaps import rich_text_parser
from corporate.core.localize_gaps.page_references import localized, localized_pages
from corporate.core.localize_gaps.progress import bulk_progress
from corporate.core.localize_gaps.tags import TranslatableTagsManager
from corporate.core.models import CompanyProfile, ServiceAccreditationArea
from corporate.demo.english import translate_instance
from corporate.translations.roles import TRANSLATORS, setup_groups
from home.models import HomeFeaturedService
from news.models import NewsArticlePage

pytestmark = pytest.mark.django_db


def numbered_english(po, _words):
    """Every Chinese string gets an English stand-in; strings without Chinese stay."""
    for number, entry in enumerate(po):
        entry.msgstr = f"English {number}" if has_han(entry.msgid) else entry.msgid
    return []


def to_english(instance, en, fill=numbered_english):
    target, missing = translate_instance(instance, en, {}, fill=fill, tool_name="gap test")
    assert not missing
    return target


def fresh(page):
    return Page.objects.get(pk=page.pk).specific


# -- page references -------------------------------------------------------------------------


def test_upstream_synchronises_page_references_instead_of_translating_them():
    fields = {f.field_name: f for f in get_translatable_fields(ServiceAccreditationArea)}
    assert isinstance(fields["area"], SynchronizedField)
    fields = {f.field_name: f for f in get_translatable_fields(HomeFeaturedService)}
    assert isinstance(fields["service"], SynchronizedField)


def test_references_are_followed_into_the_visitors_language(site_tree, zh, en):
    service, area = site_tree["service"], site_tree["area"]
    ServiceAccreditationArea.objects.create(page=service, area=area)
    service.save_revision().publish()
    for name in ("home", "services"):
        to_english(fresh(site_tree[name]), en)
    english_service = to_english(fresh(service), en)

    # Upstream: the English copy still names the Chinese area.
    assert english_service.related_areas.get().area.locale == zh
    assert localized(area, en) is None
    assert english_service.areas() == []

    to_english(fresh(site_tree["accreditation"]), en)
    english_area = to_english(fresh(area), en)
    assert localized(area, en) == english_area
    assert localized(area, zh) is area
    assert english_service.areas() == [english_area]
    assert fresh(service).areas() == [area]
    both = localized_pages([area, service], en)
    assert [page.pk for page in both] == [english_area.pk, english_service.pk]
    assert list(english_area.specific.services()) == [english_service]


# -- aliases -----------------------------------------------------------------------------------


def test_an_alias_in_english_of_a_chinese_page_is_not_served(site_tree, en, client):
    english_home = to_english(fresh(site_tree["home"]), en)
    about = site_tree["about"]
    alias = about.create_alias(parent=english_home, update_locale=en, reset_translation_key=False)
    # Upstream makes the alias live in the English tree with the Chinese text; the publish
    # guard keeps it unpublished, and were it live it would still answer 404.
    assert alias.locale == en and alias.title == about.title
    assert not alias.live
    Page.objects.filter(pk=alias.pk).update(live=True)
    assert client.get(alias.url).status_code == 404
    assert client.get(about.url).status_code == 200


# -- snippet permissions ------------------------------------------------------------------------


def test_translators_may_not_edit_the_chinese_company_profile(
    site_tree, en, client, django_user_model
):
    setup_groups()
    chinese = CompanyProfile.objects.get(locale__language_code="zh-hans")
    english = to_english(chinese, en)
    translator = django_user_model.objects.create_user(username="translator", password="pw")
    translator.groups.add(translator.groups.model.objects.get(name=TRANSLATORS))

    # Upstream: Wagtail grants "change" per model, for every language's row alike.
    policy = ModelPermissionPolicy(CompanyProfile)
    assert policy.user_has_permission_for_instance(translator, "change", chinese)

    client.force_login(translator)
    edit = CompanyProfile.snippet_viewset.get_url_name("edit")
    assert client.get(reverse(edit, args=[english.pk])).status_code == 200
    refused = client.get(reverse(edit, args=[chinese.pk]))
    assert refused.status_code in (302, 403)
    if refused.status_code == 302:
        assert refused["Location"] == reverse("wagtailadmin_home")


# -- tags --------------------------------------------------------------------------------------


def test_upstream_copies_tags_unchanged():
    assert not hasattr(ClusterTaggableManager, "get_translatable_segments")
    fields = {f.field_name: f for f in get_translatable_fields(NewsArticlePage)}
    assert isinstance(fields["tags"], TranslatableField)
    assert isinstance(NewsArticlePage._meta.get_field("tags"), TranslatableTagsManager)


def tag_translations(translation):
    """{Chinese tag: English} as the translation's PO file has them."""
    return {
        entry.msgid: entry.msgstr
        for entry in translation.export_po()
        if entry.msgctxt.startswith("tags.")
    }


def test_adding_a_tag_keeps_every_existing_tag_translation(site_tree, en):
    for name in ("home", "news"):
        to_english(fresh(site_tree[name]), en)
    article = fresh(site_tree["article"])
    article.tags.set(["土壤", "能力验证"])
    article.save_revision().publish()
    to_english(fresh(article), en)
    translation = Translation.objects.get(
        source__object_id=article.translation_key, target_locale=en
    )
    before = tag_translations(translation)
    assert set(before) == {"土壤", "能力验证"} and all(before.values())

    article = fresh(article)
    article.tags.add("大气")  # sorts before both existing tags
    article.save_revision().publish()
    translation.source.update_from_db()
    after = tag_translations(translation)
    assert after["土壤"] == before["土壤"]
    assert after["能力验证"] == before["能力验证"]
    assert after["大气"] == ""


# -- progress ----------------------------------------------------------------------------------


def test_bulk_progress_counts_as_wagtail_localize_does(site_tree, en):
    for name in ("home", "about", "services", "service"):
        to_english(fresh(site_tree[name]), en)
    # A string that is new since the sync makes one translation incomplete.
    service = fresh(site_tree["service"])
    service.summary = "新的服务概述。"
    service.save_revision().publish()
    source = TranslationSource.objects.get(object_id=service.translation_key)
    source.update_from_db()

    translations = list(Translation.objects.filter(target_locale=en))
    assert len(translations) == 4
    counted = bulk_progress(translations)
    assert counted == {t.id: t.get_progress() for t in translations}
    total, done = counted[next(t.id for t in translations if t.source_id == source.id)]
    assert total == StringSegment.objects.filter(source=source).count() and done < total


# -- rich text parser --------------------------------------------------------------------------

RICH_TEXTS = [
    "<p>室内<b>甲醛</b>检测，" * 40 + "</p>",
    "<h2>噪声</h2><ul>" + "<li>昼间 <i>夜间</i></li>" * 40 + "</ul>",
]


def contentstate(widget, html):
    """The widget's Draftail value without the block keys, which are random per call."""
    value = json.loads(widget.format_value(html))
    for block in value["blocks"]:
        block.pop("key")
    return value


def test_upstream_keeps_one_html_parser_per_rich_text_widget():
    converter = ContentstateConverter(["bold", "italic"])
    parser = converter.html_to_contentstate_handler
    first = rich_text_parser.upstream_from_database_format(converter, "<p>一</p>")
    rich_text_parser.upstream_from_database_format(converter, "<p>二</p>")
    assert converter.html_to_contentstate_handler is parser
    # The second call's text is left on the parser the widget keeps for every caller.
    assert json.loads(parser.contentstate.as_json())["blocks"][0]["text"] == "二"
    assert json.loads(first)["blocks"][0]["text"] == "一"


def test_two_threads_convert_on_one_rich_text_widget():
    # One widget, as a StreamField's RichTextBlock has for every form that renders it.
    widget = DraftailRichTextArea(features=["h2", "bold", "italic", "ul"])
    expected = [contentstate(widget, html) for html in RICH_TEXTS]
    errors = []

    def convert(number):
        for _ in range(200):
            try:
                if contentstate(widget, RICH_TEXTS[number]) != expected[number]:
                    errors.append("the other thread's text")
            except Exception as error:  # noqa: BLE001 - the test fails on any
                errors.append(repr(error))

    # Switch threads as often as the interpreter can, so that a shared parser shows at once.
    interval = sys.getswitchinterval()
    sys.setswitchinterval(1e-6)
    try:
        threads = [threading.Thread(target=convert, args=(number,)) for number in (0, 1)]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join()
    finally:
        sys.setswitchinterval(interval)
    assert errors == []
