"""Build the English site through wagtail-localize's own PO export and import.

The English text lives in ``corporate/demo/content/en/*.po`` as a dictionary from Chinese source
strings to English. For each Chinese object we let wagtail-localize export the PO file a
translation agency would receive, fill every ``msgstr`` from the dictionary, import it with
``Translation.import_po`` and save the target: the same path an agency's files take.
"""

from pathlib import Path

import polib
from django.db import transaction
from wagtail.models import Locale, Page
from wagtail_localize.models import Translation, TranslationSource

from corporate.core.cjk import CHINESE_TEXT


class MissingTranslations(Exception):
    """Source strings that the English PO files do not translate."""

    def __init__(self, missing):
        self.missing = sorted(set(missing))
        listing = "\n".join(f"  msgid {m!r}" for m in self.missing[:50])
        more = f"\n  … and {len(self.missing) - 50} more" if len(self.missing) > 50 else ""
        super().__init__(
            f"{len(self.missing)} Chinese strings have no English in corporate/demo/content/en/:\n"
            f"{listing}{more}"
        )


def load_dictionary(directory: Path) -> dict[str, str]:
    """{Chinese msgid: English msgstr} from every PO file in the directory."""
    dictionary = {}
    for path in sorted(directory.glob("*.po")):
        for entry in polib.pofile(str(path)):
            if entry.msgstr and not entry.obsolete:
                dictionary[entry.msgid] = entry.msgstr
    return dictionary


def fill_po(po: polib.POFile, dictionary: dict[str, str]) -> list[str]:
    """Fill every entry of a wagtail-localize PO export; return the msgids left untranslated."""
    missing = []
    for entry in po:
        # wagtail-localize exports a TextBlock's line breaks as <br/>; the content files keep
        # them as real line breaks.
        as_text = entry.msgid.replace("<br/>", "\n")
        if entry.msgid in dictionary:
            entry.msgstr = dictionary[entry.msgid]
        elif as_text in dictionary:
            entry.msgstr = dictionary[as_text].replace("\n", "<br/>")
        elif not CHINESE_TEXT.search(entry.msgid):
            # Slugs, standard codes, numbers: the same in every language.
            entry.msgstr = entry.msgid
        else:
            missing.append(entry.msgid)
    return missing


def translate_instance(
    instance,
    locale: Locale,
    dictionary: dict[str, str],
    user=None,
    *,
    fill=fill_po,
    publish=None,
    tool_name="demo content PO",
):
    """Create or update the translation of one page or snippet into ``locale``, the way a
    translation agency's PO file is: wagtail-localize export, ``fill(po, dictionary)``, import,
    save, and publish a page (by default when its source is live).

    Returns (translated instance, list of msgids that ``fill`` left untranslated); nothing is
    imported while any are."""
    source, _created = TranslationSource.get_or_create_from_instance(instance)
    if not _created:
        source.update_from_db()
    translation, _created = Translation.objects.get_or_create(
        source=source, target_locale=locale, defaults={"enabled": True}
    )
    po = translation.export_po()
    missing = fill(po, dictionary)
    if missing:
        return None, missing
    translation.import_po(po, user=user, tool_name=tool_name)
    is_page = isinstance(instance, Page)
    with transaction.atomic():
        translation.source.create_or_update_translation(
            locale, user=user, publish=not is_page, fallback=False
        )
    target = translation.source.get_translated_instance(locale)
    if is_page:
        target = target.specific
        revision = target.get_latest_revision()
        if (instance.live if publish is None else publish) and revision is not None:
            revision.publish(user=user, log_action=True)
            target.refresh_from_db()
    return target, []
