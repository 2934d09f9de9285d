"""Translators see what is stale where they work: the translation editor and the status panel of
an English page say "out of date" with the changed strings and a one-click sync, the explorer
marks stale English pages, progress counts strings new since the last sync, the report shows when
the Chinese was published, and a changed string shows its previous English as a hint only."""

import pytest
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext
from wagtail.models import Page
from wagtail_localize.models import StringTranslation, TranslationSource

from corporate.translations import status as translation_status
from tests.helpers import edit_and_publish, translate, translate_tree

pytestmark = pytest.mark.django_db

OLD_SUMMARY = "建设用地与农用地土壤检测。"
NEW_SUMMARY = "建设用地、农用地和场地调查土壤检测。"


@pytest.fixture
def translated(site_tree, en):
    english = translate_tree(site_tree, en, {OLD_SUMMARY: "Soil testing for land."})
    return site_tree, english


def fresh(page):
    return Page.objects.get(pk=page.pk).specific


def zh(text):
    with translation.override("zh-hans"):
        return gettext(text)


def test_progress_counts_strings_new_since_the_last_sync(translated, en, admin_client):
    tree, english = translated
    about = fresh(tree["about"])
    before = next(
        s for s in translation_status.translation_statuses(en) if s.source_instance == about
    )
    assert before.percent == 100
    about.body = [
        *about.body.raw_data,
        *({"type": "paragraph", "value": f"<p>新增的第{n}段。</p>"} for n in "一二三"),
    ]
    about.save_revision().publish()
    status = next(
        s for s in translation_status.translation_statuses(en) if s.source_instance == about
    )
    assert status.new_count == 3
    assert status.total_strings == before.total_strings + 3
    assert status.translated_strings == before.translated_strings
    assert status.percent < 100
    html = admin_client.get(reverse("corporate_out_of_date_translations")).content.decode()
    needs = html.split('data-testid="needs-translator"')[1].split("</table>")[0]
    expected = zh("%(done)s of %(total)s strings (%(percent)s%%)") % {
        "done": status.translated_strings,
        "total": status.total_strings,
        "percent": status.percent,
    }
    assert expected in needs
    # When the Chinese page was published.
    cell = needs.split('data-testid="source-published"')[1].split("</td>")[0]
    assert "—" not in cell and "<" in cell


def test_a_changed_string_shows_its_previous_english_as_a_hint_only(translated, en, admin_client):
    tree, english = translated
    service = tree["service"]
    edit_and_publish(service, summary=NEW_SUMMARY)
    status = translation_status.status_for_target(fresh(english["service"]))
    change = next(c for c in status.changes if c.kind == "changed")
    assert (change.old, change.new, change.previous_translation) == (
        OLD_SUMMARY,
        NEW_SUMMARY,
        "Soil testing for land.",
    )
    edit_url = reverse("wagtailadmin_pages:edit", args=[english["service"].pk])
    html = admin_client.get(edit_url).content.decode()
    notice = html.split('data-testid="translation-editor-notice"')[1].split("</section>")[0]
    assert zh("Out of date: the Chinese changed since the last sync") in notice
    assert NEW_SUMMARY in notice and "Soil testing for land." in notice
    source = TranslationSource.objects.get(object_id=service.translation_key)
    assert f"{reverse('wagtail_localize:update_translations', args=[source.pk])}?next=" in notice

    # After the sync, the new Chinese waits for English, with the old English beside it.
    source.update_from_db()
    html = admin_client.get(edit_url).content.decode()
    notice = html.split('data-testid="translation-editor-notice"')[1].split("</section>")[0]
    assert NEW_SUMMARY in notice and "Soil testing for land." in notice
    # The hint is never saved as the new string's translation.
    assert not StringTranslation.objects.filter(
        translation_of__data=NEW_SUMMARY, locale=en
    ).exists()
    assert fresh(english["service"]).summary == "Soil testing for land."


def test_the_status_panel_and_the_explorer_mark_stale_english_pages(translated, admin_client):
    tree, english = translated
    edit_and_publish(tree["service"], summary=NEW_SUMMARY)
    html = admin_client.get(
        reverse("wagtailadmin_pages:edit", args=[english["service"].pk])
    ).content.decode()
    line = html.split('data-testid="translation-status-line"')[1].split("</div>\n</div>")[0]
    assert zh("Out of date") in line and zh("Sync and translate") in line
    # The explorer: the stale page carries the mark, an up-to-date one does not.
    listing = admin_client.get(
        reverse("wagtailadmin_explore", args=[english["services"].pk])
    ).content.decode()
    assert listing.count("data-stale-translation") == 1
    source = TranslationSource.objects.get(object_id=tree["service"].translation_key)
    assert reverse("wagtail_localize:update_translations", args=[source.pk]) in listing
    home_listing = admin_client.get(
        reverse("wagtailadmin_explore", args=[english["home"].pk])
    ).content.decode()
    assert "data-stale-translation" not in home_listing


def test_an_up_to_date_translation_has_no_notice(translated, admin_client):
    tree, english = translated
    translate(fresh(tree["about"]), english["about"].locale)
    html = admin_client.get(
        reverse("wagtailadmin_pages:edit", args=[english["about"].pk])
    ).content.decode()
    assert 'data-testid="translation-editor-notice"' not in html
    assert zh("Up to date with the Chinese") in html
