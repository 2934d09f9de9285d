"""Keeping the English site in step: the round trip through wagtail-localize, staleness and the
translators' report, re-syncing, the Editors/Translators roles and machine translation."""

import importlib
import os
import subprocess
import sys
from pathlib import Path

import pytest
from django.contrib.auth.models import Group
from django.contrib.messages import get_messages
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext
from wagtail.models import GroupPagePermission, Page
from wagtail.users.models import UserProfile
from wagtail_localize.models import Translation, TranslationSource

from corporate.core.models import CompanyProfile
from corporate.translations import status as translation_status
from corporate.translations.roles import EDITORS, TRANSLATORS, setup_groups
from tests.helpers import edit_and_publish, has_han, placeholder, translate

BASE_DIR = Path(__file__).resolve().parents[1]
# Wagtail's own message (a variable, so that makemessages does not copy it into locale/).
WAGTAIL_DENIED = "Sorry, you do not have permission to access this area."


def assert_permission_denied(response):
    """Wagtail's admin answers PermissionDenied with a redirect to the dashboard and a message."""
    assert response.status_code in (302, 403)
    if response.status_code == 302:
        assert response["Location"] == reverse("wagtailadmin_home")
        with translation.override(response.wsgi_request.LANGUAGE_CODE):
            denied = gettext(WAGTAIL_DENIED).strip()
        assert denied in [str(m).strip() for m in get_messages(response.wsgi_request)]


@pytest.fixture
def groups(db):
    """The groups as the migration made them (a transactional test elsewhere in the run may
    have flushed the database since): ``setup_groups`` is what the migration runs."""
    setup_groups()


def make_user(django_user_model, username, *groups):
    user = django_user_model.objects.create_user(username=username, password="pw")
    for name in groups:
        user.groups.add(Group.objects.get(name=name))
    return user


# -- the full round trip on the demo site ----------------------------------------------------


@pytest.mark.django_db
def test_every_demo_page_has_a_live_fully_translated_english_page(demo_site, zh, en):
    chinese = Page.objects.filter(locale=zh, depth__gte=2).live().specific()
    assert chinese.count() > 20
    missing, partial = [], []
    for page in chinese:
        english = page.get_translation_or_none(en)
        if english is None or not english.live or english.alias_of_id:
            missing.append(page.url_path)
            continue
        translation = Translation.objects.get(
            source__object_id=page.translation_key, target_locale=en
        )
        total, done = translation.get_progress()
        if total != done:
            partial.append((page.url_path, total - done))
    assert missing == []
    assert partial == []
    # Snippets too: the company profile and news categories.
    for model in {CompanyProfile, *(m for m in _translatable_snippet_models())}:
        for row in model.objects.filter(locale=zh):
            assert row.has_translation(en), f"{model.__name__} {row} has no English"


def _translatable_snippet_models():
    from news.models import NewsCategory

    return [NewsCategory]


@pytest.mark.django_db
def test_demo_english_pages_hold_no_chinese_text(demo_site, en):
    """The stored English content (every translatable string) is free of Chinese."""
    leaks = []
    for page in Page.objects.filter(locale=en, depth__gte=2).specific():
        for record in Translation.objects.filter(
            source__object_id=page.translation_key, target_locale=en
        ):
            po = record.export_po()
            for entry in po:
                if has_han(entry.msgstr):
                    leaks.append((page.url_path, entry.msgstr[:40]))
    assert leaks == []


# -- staleness and the report ----------------------------------------------------------------


@pytest.mark.django_db
def test_chinese_edit_makes_english_stale_until_resynced_and_retranslated(translated_tree, en):
    site_tree, english = translated_tree
    service = site_tree["service"]
    statuses = {s.source_instance.pk: s for s in translation_status.translation_statuses(en)}
    assert not statuses[service.pk].is_stale
    assert statuses[service.pk].is_complete

    edit_and_publish(service, summary="建设用地、农用地和场地调查土壤检测。")

    status = next(
        s for s in translation_status.out_of_date(en) if s.source_instance.pk == service.pk
    )
    assert status.is_stale and status.published_since_sync
    assert [(c.kind, c.old, c.new) for c in status.changes] == [
        ("changed", "建设用地与农用地土壤检测。", "建设用地、农用地和场地调查土壤检测。")
    ]
    # Other pages are not affected.
    assert {s.source_instance.pk for s in translation_status.out_of_date(en)} == {service.pk}

    # The translator syncs and translates the new sentence; the English page is up to date.
    translate(
        Page.objects.get(pk=service.pk).specific,
        en,
        {
            "建设用地、农用地和场地调查土壤检测。": "Soil testing for construction land and farmland."
        },
    )
    assert translation_status.out_of_date(en) == []
    english_service = english["service"]
    english_service.refresh_from_db()
    assert english_service.specific.summary == "Soil testing for construction land and farmland."


@pytest.mark.django_db
def test_new_strings_are_listed_as_new(translated_tree, en):
    site_tree, _english = translated_tree
    page = Page.objects.get(pk=site_tree["about"].pk).specific
    page.body = [*page.body.raw_data, {"type": "paragraph", "value": "<p>新增的一段。</p>"}]
    page.save_revision().publish()
    status = next(s for s in translation_status.out_of_date(en) if s.source_instance.pk == page.pk)
    assert [(c.kind, c.new) for c in status.changes] == [("new", "新增的一段。")]


@pytest.mark.django_db
def test_resync_keeps_every_english_string_whose_source_did_not_change(site_tree, en):
    about = site_tree["about"]
    words = {"公司简介": "Company profile", "我们是一家第三方检测机构。": "We are a testing lab."}
    english = translate(Page.objects.get(pk=site_tree["home"].pk).specific, en)
    english = translate(Page.objects.get(pk=about.pk).specific, en, words)
    title_before = english.title

    edit_and_publish(about, intro="公司概况与资质")
    source = TranslationSource.objects.get(object_id=about.translation_key)
    source.update_from_db()  # what "Sync translated pages" does
    translation = source.translations.get(target_locale=en)
    exported = translation.export_po()
    po = {entry.msgid: entry.msgstr for entry in exported if not entry.obsolete}

    assert po["我们是一家第三方检测机构。"] == "We are a testing lab."
    assert po[about.title] == title_before
    assert po["公司概况与资质"] == ""  # the one new string waits for the translator
    # The replaced string is gone from the page; its English is kept as an obsolete entry.
    assert "公司简介" not in po
    assert [(e.msgid, e.msgstr) for e in exported.obsolete_entries()] == [
        ("公司简介", "Company profile")
    ]
    total, done = translation.get_progress()
    assert (total, done) == (len(po), len(po) - 1)


@pytest.mark.django_db
def test_report_lists_stale_page_with_changes_and_one_click_links(
    translated_tree, en, admin_client
):
    site_tree, english = translated_tree
    edit_and_publish(site_tree["service"], summary="新的摘要。")
    url = reverse("corporate_out_of_date_translations")
    html = admin_client.get(url).content.decode()

    source = TranslationSource.objects.get(object_id=site_tree["service"].translation_key)
    sync_url = reverse("wagtail_localize:update_translations", args=[source.id])
    edit_url = reverse("wagtailadmin_pages:edit", args=[english["service"].id])
    needs = html.split('data-testid="needs-translator"')[1].split("</table>")[0]
    assert english["service"].title in needs
    assert "新的摘要。" in needs and "建设用地与农用地土壤检测。" in needs
    assert f'href="{sync_url}?next={edit_url.replace("/", "%2F")}"' in needs
    assert f'href="{edit_url}"' in needs
    # Up-to-date translations are listed with their progress.
    done = html.split('data-testid="up-to-date"')[1]
    assert english["about"].title in done
    assert "100%" in done

    # The sync link leads to wagtail-localize's update view, and after it to the editor.
    response = admin_client.post(f"{sync_url}?next={edit_url}", {})
    assert response.status_code == 302 and response["Location"] == edit_url
    assert admin_client.get(edit_url).status_code == 200


@pytest.mark.django_db
def test_report_shows_chinese_pages_without_translation(bilingual_tree, en, admin_client):
    site_tree, _english = bilingual_tree
    html = admin_client.get(reverse("corporate_out_of_date_translations")).content.decode()
    untranslated = html.split('data-testid="untranslated"')[1].split("</table>")[0]
    assert site_tree["article"].title in untranslated
    assert (
        reverse("wagtail_localize:submit_page_translation", args=[site_tree["article"].id])
        in untranslated
    )


@pytest.mark.django_db
def test_dashboard_panel_links_translators_to_the_report(translated_tree, en, admin_client):
    site_tree, _english = translated_tree
    edit_and_publish(site_tree["about"], intro="公司概况与资质")
    html = admin_client.get(reverse("wagtailadmin_home")).content.decode()
    assert 'id="out-of-date-translations' in html
    assert reverse("corporate_out_of_date_translations") in html


# -- guards against Chinese under /en/ ---------------------------------------------------


@pytest.mark.django_db
def test_publishing_a_translation_with_untranslated_chinese_is_refused(
    translated_tree, en, admin_client
):
    site_tree, english = translated_tree
    edit_and_publish(site_tree["service"], summary="新的摘要。")
    TranslationSource.objects.get(object_id=site_tree["service"].translation_key).update_from_db()
    edit_url = reverse("wagtailadmin_pages:edit", args=[english["service"].id])
    # The admin speaks the editor's language: Chinese by default, English when asked.
    response = admin_client.post(edit_url, {"action": "publish"}, follow=True)
    assert "还有 1 条文字尚未翻译：“新的摘要。”" in response.content.decode()
    profile = UserProfile.get_for_user(response.wsgi_request.user)
    profile.preferred_language = "en"
    profile.save()
    response = admin_client.post(edit_url, {"action": "publish"}, follow=True)
    assert "1 string is not translated yet: “新的摘要。”" in response.content.decode()
    page = Page.objects.get(pk=english["service"].pk).specific
    assert page.summary == placeholder("建设用地与农用地土壤检测。")
    assert "新的摘要" not in admin_client.get(page.url).content.decode()


@pytest.mark.django_db
def test_new_translation_starts_as_an_unpublished_draft(bilingual_tree, en, admin_client):
    site_tree, _english = bilingual_tree
    article = site_tree["article"]
    response = admin_client.post(
        reverse("wagtail_localize:submit_page_translation", args=[article.id]),
        {"locales": [en.id]},
    )
    assert response.status_code == 302
    english = article.get_translation(en)
    assert not english.live
    assert admin_client.get(f"/en/news/{article.slug}/").status_code == 404


# -- roles -----------------------------------------------------------------------------------


@pytest.mark.django_db
def test_migration_creates_editors_and_translators(site_tree, en):
    from django.apps import apps

    migration = importlib.import_module("home.migrations.0002_editor_and_translator_groups")
    Group.objects.filter(name__in=[EDITORS, TRANSLATORS]).delete()
    english_home = translate(Page.objects.get(pk=site_tree["home"].pk).specific, en)
    migration.create_groups(apps, None)

    editors = Group.objects.get(name=EDITORS)
    translators = Group.objects.get(name=TRANSLATORS)
    for group in (editors, translators):
        assert group.permissions.filter(codename="access_admin").exists()
        assert group.permissions.filter(codename="submit_translation").exists()
    assert editors.permissions.filter(codename="add_image").exists()
    assert editors.permissions.filter(codename="add_document").exists()
    assert editors.permissions.filter(codename="change_companyprofile").exists()
    assert not translators.permissions.filter(codename="add_image").exists()
    # Page permissions per language tree, on the roots that existed when it ran.
    editor_pages = GroupPagePermission.objects.filter(group=editors)
    translator_pages = GroupPagePermission.objects.filter(group=translators)
    assert {p.page_id for p in editor_pages} == {site_tree["home"].pk}
    assert {p.page_id for p in translator_pages} == {english_home.pk}
    assert {p.permission.codename for p in translator_pages} == {
        "change_page",
        "publish_page",
        "lock_page",
    }


@pytest.mark.django_db
def test_translator_edits_and_publishes_english_but_not_chinese(
    translated_tree, en, client, django_user_model, groups
):
    site_tree, english = translated_tree
    translator = make_user(django_user_model, "translator", TRANSLATORS)
    client.force_login(translator)
    service = site_tree["service"]

    assert_permission_denied(client.get(reverse("wagtailadmin_pages:edit", args=[service.id])))
    response = client.post(
        reverse("wagtailadmin_pages:edit", args=[service.id]),
        {"title": "改", "action-publish": "1"},
    )
    assert_permission_denied(response)
    assert not service.permissions_for_user(translator).can_publish()
    assert Page.objects.get(pk=service.pk).title == service.title

    english_service = english["service"]
    edit_url = reverse("wagtailadmin_pages:edit", args=[english_service.id])
    assert client.get(edit_url).status_code == 200
    assert english_service.permissions_for_user(translator).can_publish()
    # Publishing through wagtail-localize's editor after the Chinese changed and the new
    # sentence was translated.
    edit_and_publish(service, summary="新的摘要。")
    translate(Page.objects.get(pk=service.pk).specific, en, {"新的摘要。": "A new summary."}, False)
    response = client.post(edit_url, {"action": "publish"})
    assert response.status_code == 302
    assert Page.objects.get(pk=english_service.pk).specific.summary == "A new summary."
    assert client.get(reverse("corporate_out_of_date_translations")).status_code == 200


@pytest.mark.django_db
def test_editor_edits_chinese_but_not_english(
    translated_tree, en, client, django_user_model, groups
):
    site_tree, english = translated_tree
    editor = make_user(django_user_model, "editor", EDITORS)
    client.force_login(editor)
    assert (
        client.get(reverse("wagtailadmin_pages:edit", args=[site_tree["service"].id])).status_code
        == 200
    )
    assert site_tree["service"].permissions_for_user(editor).can_publish()
    assert_permission_denied(
        client.get(reverse("wagtailadmin_pages:edit", args=[english["service"].id]))
    )


@pytest.mark.django_db
def test_translator_changes_english_snippets_only(
    translated_tree, en, client, django_user_model, groups
):
    site_tree, _english = translated_tree
    translator = make_user(django_user_model, "translator", TRANSLATORS)
    client.force_login(translator)
    chinese = CompanyProfile.objects.get(locale__language_code="zh-hans")
    english = CompanyProfile.objects.get(locale=en)
    edit = "wagtailsnippets_corporate_companyprofile:edit"
    assert_permission_denied(client.get(reverse(edit, args=[chinese.pk])))
    assert client.get(reverse(edit, args=[english.pk])).status_code == 200


@pytest.mark.django_db
def test_locale_root_created_later_gets_group_permissions(site_tree, en, django_user_model, groups):
    """The English home page did not exist when the migration ran."""
    english_home = translate(Page.objects.get(pk=site_tree["home"].pk).specific, en)
    translator = make_user(django_user_model, "translator", TRANSLATORS)
    editor = make_user(django_user_model, "editor", EDITORS)
    assert english_home.permissions_for_user(translator).can_publish()
    assert not english_home.permissions_for_user(editor).can_edit()
    assert site_tree["home"].permissions_for_user(editor).can_publish()
    assert not site_tree["home"].permissions_for_user(translator).can_edit()


# -- machine translation -------------------------------------------------------------------


SETTINGS_CASES = [
    ("corporate.settings.dev", {}),
    ("corporate.settings.production", {}),
    ("corporate.settings.dev", {"MACHINE_TRANSLATION": "dummy"}),
    (
        "corporate.settings.production",
        {"DEEPL_AUTH_KEY": "key:fx", "DEEPL_GLOSSARY_ID": "gloss-123"},
    ),
]
_STARTED = {}


def _start_setting_check(module, env):
    code = (
        "import django, os; from django.conf import settings; django.setup(); "
        "print(repr(getattr(settings, 'WAGTAILLOCALIZE_MACHINE_TRANSLATOR', None)))"
    )
    environment = {
        k: v
        for k, v in os.environ.items()
        if k not in {"DEEPL_AUTH_KEY", "DEEPL_GLOSSARY_ID", "MACHINE_TRANSLATION"}
    }
    environment.update(env, DJANGO_SETTINGS_MODULE=module, SECRET_KEY="x")
    return subprocess.Popen(
        [sys.executable, "-c", code],
        cwd=BASE_DIR,
        env=environment,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )


def prepare_in_background():
    """Start the settings checks once the session has collected this module (tests/conftest.py
    calls this), so that Django's start-up in four fresh interpreters overlaps other tests."""
    for module, env in SETTINGS_CASES:
        _STARTED[(module, tuple(sorted(env.items())))] = _start_setting_check(module, env)


def _setting_in(module, env):
    process = _STARTED.pop((module, tuple(sorted(env.items()))), None)
    if process is None:
        process = _start_setting_check(module, env)
    stdout, stderr = process.communicate()
    if process.returncode:
        raise subprocess.CalledProcessError(process.returncode, process.args, stdout, stderr)
    return stdout.strip()


def test_machine_translation_is_off_by_default():
    assert _setting_in("corporate.settings.dev", {}) == "None"
    assert _setting_in("corporate.settings.production", {}) == "None"


def test_machine_translation_dummy_in_development_and_deepl_with_glossary_in_production():
    assert "DummyTranslator" in _setting_in(
        "corporate.settings.dev", {"MACHINE_TRANSLATION": "dummy"}
    )
    deepl = _setting_in(
        "corporate.settings.production",
        {"DEEPL_AUTH_KEY": "key:fx", "DEEPL_GLOSSARY_ID": "gloss-123"},
    )
    assert "machine_translators.deepl.DeepLTranslator" in deepl
    assert "('ZH', 'EN'): 'gloss-123'" in deepl


def test_deepl_request_carries_the_glossary(zh, en):
    """wagtail-localize's DeepL translator sends our glossary id for Chinese → English."""
    from wagtail_localize.machine_translators.deepl import DeepLTranslator
    from wagtail_localize.strings import StringValue

    translator = DeepLTranslator({"AUTH_KEY": "key:fx", "GLOSSARY_IDS": {("ZH", "EN"): "g-1"}})
    parameters = translator.get_parameters(zh, en, [StringValue("检测报告")])
    assert parameters["glossary_id"] == "g-1"
    assert (parameters["source_lang"], parameters["target_lang"]) == ("ZH", "EN")
