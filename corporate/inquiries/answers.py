"""The visitor's answers as the staff read them, whichever language the visitor wrote in:
choices (services, drop-down options) in Chinese, labels from the Chinese contact page."""

from django.conf import settings
from django.core.cache import cache
from django.utils.translation import gettext, override
from wagtail.models import Locale

from corporate.core.models import ServicePage
from corporate.inquiries.models import ContactFormField

CHINESE_WORDS_KEY = "inquiries:inbox:chinese-words"
CHINESE_WORDS_SECONDS = 60


def _choices(text):
    """A form field's choices as Wagtail reads them: one per line, or comma-separated."""
    separator = "\n" if "\n" in (text or "") else ","
    return [choice.strip() for choice in (text or "").split(separator) if choice.strip()]


def _build_chinese_words():
    source = Locale.get_default()
    words = {}
    # Services: a visitor's answer is the service page's title in their language.
    by_key = {}
    for page in ServicePage.objects.only("title", "translation_key", "locale_id"):
        by_key.setdefault(page.translation_key, {})[page.locale_id] = page.title
    for titles in by_key.values():
        chinese = titles.get(source.id)
        if chinese:
            for title in titles.values():
                words.setdefault(title, chinese)
    with override(settings.LANGUAGE_CODE):
        other = gettext("Other / not sure")
    for code, _name in settings.LANGUAGES:
        with override(code):
            words.setdefault(gettext("Other / not sure"), other)
    # Drop-downs, radio buttons, check boxes: the same choice at the same place in each language.
    fields = {}
    for field in ContactFormField.objects.exclude(choices=""):
        fields.setdefault(field.translation_key, {})[field.locale_id] = _choices(field.choices)
    for versions in fields.values():
        chinese = versions.get(source.id)
        if not chinese:
            continue
        for choices in versions.values():
            for index, choice in enumerate(choices[: len(chinese)]):
                words.setdefault(choice, chinese[index])
    return words


def chinese_words():
    """{an answer in any language: its Chinese}, for the answers that are choices. Cached a
    minute: editors rarely change a form, the inbox lists many inquiries."""
    words = cache.get(CHINESE_WORDS_KEY)
    if words is None:
        words = _build_chinese_words()
        cache.set(CHINESE_WORDS_KEY, words, CHINESE_WORDS_SECONDS)
    return words


def in_chinese(value, words=None):
    """An answer as the staff read it: choices in Chinese, lists joined, yes/no words."""
    words = chinese_words() if words is None else words
    if isinstance(value, bool):
        with override(settings.LANGUAGE_CODE):
            return gettext("Yes") if value else gettext("No")
    if isinstance(value, list | tuple):
        return "、".join(in_chinese(item, words) for item in value)
    if value is None:
        return ""
    return words.get(str(value), str(value))


def answer(name):
    def get(submission):
        return in_chinese(submission.form_data.get(name))

    return get


def field_labels():
    """[(stored name, Chinese label)] of the form fields of every contact page, Chinese first."""
    source = Locale.get_default()
    labels = {}
    fields = ContactFormField.objects.order_by("page_id", "sort_order").values_list(
        "clean_name", "label", "locale_id"
    )
    for name, label, locale_id in fields:
        if locale_id == source.id or name not in labels:
            labels[name] = label
    return list(labels.items())
