"""Every path that can publish or make live an English page or snippet either publishes
complete English or refuses, naming the untranslated strings in the user's admin language, and
loses nothing saved (corporate/core/localize_gaps/publish_guard.py).

The setting of most tests: the whole small site is translated, then the Chinese service page
gets a new summary and wagtail-localize syncs it, so the English translation has one string,
新的摘要。, without English."""

from datetime import timedelta

import pytest
from django.contrib.messages import get_messages
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone
from wagtail.models import Page
from wagtail.users.models import UserProfile
from wagtail_localize.models import Translation, TranslationSource

from corporate.core.localize_gaps.publish_guard import UntranslatedContent, untranslated_strings
from corporate.core.models import CompanyProfile
from tests import factories
from tests.admin_forms import edit_form_data
from tests.helpers import edit_and_publish, placeholder, translate, translate_tree

NEW = "新的摘要。"
OLD = "建设用地与农用地土壤检测。"


def fresh(page):
    return Page.objects.get(pk=page.pk).specific


def shown_messages(response):
    return [str(m) for m in get_messages(response.wsgi_request)]


def assert_refused_with(response, *strings, language="zh-hans"):
    """A refusal the user reads: a redirect (or page) with the message naming the strings."""
    assert response.status_code in (200, 302), response.status_code
    text = " ".join(shown_messages(response))
    if language == "zh-hans":
        assert "未发布" in text, text
    else:
        assert "was not published" in text, text
    for string in strings:
        assert string in text, (string, text)


@pytest.fixture
def stale(site_tree, en):
    """The translated site; the Chinese service page has a new summary, synced, untranslated."""
    english = translate_tree(site_tree, en)
    edit_and_publish(site_tree["service"], summary=NEW)
    source = TranslationSource.objects.get(object_id=site_tree["service"].translation_key)
    source.update_from_db()
    return {"english": english, "source": source, "tree": site_tree}


def english_service(stale):
    return fresh(stale["english"]["service"])


def assert_english_unchanged(stale, client):
    page = english_service(stale)
    assert page.live
    assert page.summary == placeholder(OLD)
    html = client.get(page.url).content.decode()
    assert NEW not in html


def disable_translation(page):
    """The English page opens in Wagtail's own editor (translation stopped by an editor)."""
    Translation.objects.filter(
        source__object_id=page.translation_key, target_locale_id=page.locale_id
    ).update(enabled=False)


# -- 1. the translation editor's Publish -------------------------------------------------------


def test_translation_editor_publish_is_refused_in_the_admin_language(stale, admin_client):
    url = reverse("wagtailadmin_pages:edit", args=[english_service(stale).id])
    response = admin_client.post(url, {"action": "publish"})
    assert response.status_code == 302 and response["Location"] == url
    assert_refused_with(response, NEW)
    profile = UserProfile.get_for_user(response.wsgi_request.user)
    profile.preferred_language = "en"
    profile.save()
    response = admin_client.post(url, {"action": "publish"})
    assert_refused_with(response, NEW, language="en")
    assert_english_unchanged(stale, admin_client)


def test_translation_editor_publish_goes_through_once_translated(stale, admin_client):
    translate(
        fresh(stale["tree"]["service"]),
        stale["english"]["service"].locale,
        {NEW: "A new summary."},
        publish=False,
    )
    url = reverse("wagtailadmin_pages:edit", args=[english_service(stale).id])
    response = admin_client.post(url, {"action": "publish"})
    assert response.status_code == 302
    assert english_service(stale).summary == "A new summary."


# -- 2. the update (sync) view's "Publish immediately" and "Sync translated pages" -------------


def test_update_view_publish_checkbox_is_refused(stale, admin_client):
    url = reverse("wagtail_localize:update_translations", args=[stale["source"].id])
    response = admin_client.post(url, {"publish_translations": "on"})
    assert response.status_code == 302
    assert_refused_with(response, NEW)
    assert_english_unchanged(stale, admin_client)


def test_sync_without_publishing_keeps_the_english_page_and_lists_the_new_string(
    stale, admin_client
):
    url = reverse("wagtail_localize:update_translations", args=[stale["source"].id])
    response = admin_client.post(url, {})
    assert response.status_code == 302
    assert_english_unchanged(stale, admin_client)
    translation = stale["source"].translations.get()
    total, done = translation.get_progress()
    assert done == total - 1


@pytest.mark.django_db(transaction=True)
def test_update_view_publish_of_an_english_draft_is_refused_after_commit(
    site_tree, en, admin_client
):
    """wagtail-localize publishes a draft target in an on_commit callback: the refusal comes
    after the sync was committed, and is shown all the same."""
    translate_tree(site_tree, en, skip={"service"})
    service = site_tree["service"]
    draft = translate(fresh(service), en, publish=False)
    assert not draft.live
    edit_and_publish(service, summary=NEW)
    source = TranslationSource.objects.get(object_id=service.translation_key)
    url = reverse("wagtail_localize:update_translations", args=[source.id])
    response = admin_client.post(url, {"publish_translations": "on"})
    assert response.status_code == 302
    assert_refused_with(response, NEW)
    assert not fresh(draft).live
    source.refresh_from_db()
    assert NEW in [s.string.data for s in source.stringsegment_set.select_related("string")]


# -- 3. Wagtail's own editor: publish, schedule, revert ----------------------------------------


def test_wagtail_editor_publish_is_refused_and_the_draft_kept(stale, admin_client):
    page = english_service(stale)
    disable_translation(page)
    url = reverse("wagtailadmin_pages:edit", args=[page.id])
    data = edit_form_data(admin_client, url, page, form_id="page-edit-form")
    data.update({"title": "土壤检测（英文）", "action-publish": "action-publish"})
    response = admin_client.post(url, data)
    assert response.status_code == 302 and response["Location"] == url
    assert_refused_with(response, "土壤检测（英文）")
    page = english_service(stale)
    assert page.title == stale["english"]["service"].title  # the live page is unchanged
    assert page.get_latest_revision_as_object().title == "土壤检测（英文）"  # the draft is kept
    assert page.has_unpublished_changes


def test_scheduling_an_untranslated_english_draft_is_refused(stale, admin_client):
    page = english_service(stale)
    disable_translation(page)
    url = reverse("wagtailadmin_pages:edit", args=[page.id])
    data = edit_form_data(admin_client, url, page, form_id="page-edit-form")
    go_live = timezone.localtime() + timedelta(days=1)
    data.update(
        {
            "summary": "中文摘要",
            "go_live_at": go_live.strftime("%Y-%m-%d %H:%M"),
            "action-publish": "action-publish",
        }
    )
    response = admin_client.post(url, data)
    assert_refused_with(response, "中文摘要")
    assert not page.revisions.filter(approved_go_live_at__isnull=False).exists()


def test_scheduled_publishing_skips_untranslated_revisions_and_publishes_the_rest(stale):
    english = stale["english"]
    bad = english_service(stale)
    bad.summary = "定时发布的中文"
    bad_revision = bad.save_revision()
    good = fresh(english["about"])
    good.title = "About us (new)"
    good_revision = good.save_revision()
    past = timezone.now() - timedelta(minutes=5)
    type(bad_revision).objects.filter(pk__in=[bad_revision.pk, good_revision.pk]).update(
        approved_go_live_at=past
    )
    call_command("publish_scheduled")
    assert english_service(stale).summary == placeholder(OLD)
    bad_revision.refresh_from_db()
    assert bad_revision.approved_go_live_at is None  # no longer scheduled; the draft is kept
    assert fresh(english["about"]).title == "About us (new)"


def test_reverting_to_an_untranslated_revision_is_refused(stale, admin_client):
    page = english_service(stale)
    page.title = "旧的中文标题"
    old_revision = page.save_revision()
    page = english_service(stale)
    disable_translation(page)
    url = reverse("wagtailadmin_pages:revisions_revert", args=[page.id, old_revision.id])
    data = edit_form_data(admin_client, url, old_revision.as_object(), form_id="page-edit-form")
    data["action-publish"] = "action-publish"
    response = admin_client.post(url, data)
    assert_refused_with(response, "旧的中文标题")
    assert english_service(stale).title == stale["english"]["service"].title
    # From code, too.
    with pytest.raises(UntranslatedContent):
        old_revision.publish(previous_revision=old_revision)


# -- 4. bulk publish ---------------------------------------------------------------------------


def test_bulk_publish_is_refused_naming_the_pages(stale, admin_client):
    page = english_service(stale)
    page.summary = "批量发布的中文"
    page.save_revision()
    about = fresh(stale["english"]["about"])
    about.title = "About (bulk)"
    about.save_revision()
    url = reverse("wagtail_bulk_action", args=("wagtailcore", "page", "publish"))
    response = admin_client.post(f"{url}?id={page.id}&id={about.id}", {})
    assert response.status_code == 302
    assert_refused_with(response, "批量发布的中文")
    assert english_service(stale).summary == placeholder(OLD)
    assert fresh(about).title != "About (bulk)"  # all or nothing


# -- 5. copy, alias, move ----------------------------------------------------------------------


def test_copying_a_chinese_page_live_into_the_english_tree_is_refused(stale, admin_client):
    about = stale["tree"]["about"]
    english_home = stale["english"]["home"]
    response = admin_client.post(
        reverse("wagtailadmin_pages:copy", args=[about.id]),
        {
            "new_title": about.title,
            "new_slug": "about-copy",
            "new_parent_page": english_home.id,
            "publish_copies": "on",
        },
    )
    assert_refused_with(response, about.title)
    assert not Page.objects.filter(slug="about-copy").exists()


def test_copying_as_a_draft_into_the_english_tree_is_allowed_but_not_publishable(
    stale, admin_client
):
    about = stale["tree"]["about"]
    english_home = stale["english"]["home"]
    response = admin_client.post(
        reverse("wagtailadmin_pages:copy", args=[about.id]),
        {"new_title": about.title, "new_slug": "about-draft", "new_parent_page": english_home.id},
    )
    assert response.status_code == 302
    copy = Page.objects.get(slug="about-draft").specific
    assert not copy.live
    with pytest.raises(UntranslatedContent):
        copy.save_revision().publish()
    assert not fresh(copy).live


def test_an_alias_of_a_chinese_page_in_the_english_tree_stays_unpublished(stale, admin_client):
    about = stale["tree"]["about"]
    english_home = stale["english"]["home"]
    response = admin_client.post(
        reverse("wagtailadmin_pages:copy", args=[about.id]),
        {
            "new_title": about.title,
            "new_slug": "about-alias",
            "new_parent_page": english_home.id,
            "publish_copies": "on",
            "alias": "on",
        },
    )
    assert response.status_code == 302
    alias = Page.objects.get(slug="about-alias")
    assert alias.alias_of_id == about.id and not alias.live
    assert any("about" in m.lower() or about.title in m for m in shown_messages(response))
    # Publishing the Chinese page updates its aliases: it still works, the alias stays a draft.
    edit_and_publish(about, intro="新的介绍")
    alias.refresh_from_db()
    assert not alias.live
    assert fresh(about).intro == "新的介绍"
    # wagtail-localize's tree synchronisation makes aliases in the English locale the same way.
    new_article = factories.NewsArticlePageFactory(
        parent=stale["tree"]["news"], title="新的文章", slug="new-article"
    )
    synced = new_article.create_alias(
        parent=stale["english"]["news"], update_locale=english_home.locale
    )
    assert not synced.live


def test_moving_an_english_page_is_allowed_and_a_chinese_page_cannot_move_into_english(
    stale, admin_client
):
    english = stale["english"]
    tree = stale["tree"]
    privacy = factories.StandardPageFactory(parent=tree["home"], title="隐私政策", slug="privacy")
    english_privacy = translate(fresh(privacy), english["home"].locale)
    about = fresh(english["about"])
    response = admin_client.post(
        reverse("wagtailadmin_pages:move_confirm", args=[about.id, english_privacy.id])
    )
    assert response.status_code == 302
    assert fresh(about).get_parent().id == english_privacy.id
    assert fresh(about).live
    chinese = tree["about"]
    response = admin_client.post(
        reverse("wagtailadmin_pages:move_confirm", args=[chinese.id, english["home"].id])
    )
    assert response.status_code in (302, 403)
    assert fresh(chinese).get_parent().id == tree["home"].id


# -- 6. the shell ------------------------------------------------------------------------------


def test_publish_from_code_raises_a_readable_error_and_changes_nothing(stale):
    page = english_service(stale)
    page.summary = "从命令行发布的中文"
    revision = page.save_revision()
    with pytest.raises(UntranslatedContent) as refused:
        revision.publish()
    assert "从命令行发布的中文" in str(refused.value)
    assert refused.value.strings == ["从命令行发布的中文"]
    assert english_service(stale).summary == placeholder(OLD)
    # wagtail-localize's own write (what its views call) is refused too.
    translation = stale["source"].translations.get()
    with pytest.raises(UntranslatedContent):
        translation.save_target(publish=True)
    assert english_service(stale).summary == placeholder(OLD)


def test_complete_english_is_published_by_every_path(stale):
    page = english_service(stale)
    page.summary = "Completely English."
    page.save_revision().publish()
    assert english_service(stale).summary == "Completely English."
    assert untranslated_strings(english_service(stale)) == []


# -- 7. snippets -------------------------------------------------------------------------------


def test_english_snippet_with_new_chinese_strings_is_refused(site_tree, en, admin_client):
    chinese = CompanyProfile.objects.get(locale__language_code="zh-hans")
    english = translate(chinese, en)
    chinese.tagline = "新的标语"
    chinese.save()
    source = TranslationSource.objects.get(object_id=chinese.translation_key)
    source.update_from_db()
    edit = CompanyProfile.snippet_viewset.get_url_name("edit")
    url = reverse(edit, args=[english.pk])
    response = admin_client.post(url, {"action": "publish"})
    assert_refused_with(response, "新的标语")
    english.refresh_from_db()
    assert english.tagline != "新的标语"
    response = admin_client.post(
        reverse("wagtail_localize:update_translations", args=[source.id]),
        {"publish_translations": "on"},
    )
    assert_refused_with(response, "新的标语")
    english.refresh_from_db()
    assert "新的标语" not in english.tagline
    with pytest.raises(UntranslatedContent):
        english.tagline = "中文"
        english.save()
