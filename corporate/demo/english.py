"""Build the English site through wagtail-localize's own PO export and import.

The English text lives in ``corporate/demo/content/en/*.po`` as a dictionary from Chinese source
strings to English. For each Chinese object we let wagtail-localize export the PO file a
translation agency would receive, fill every ``msgstr`` from the dictionary, import it with
``Translation.import_po`` and save the target: the same path an agency's files take.
"""

from pathlib import Path

import polib
from wagtail.models import Locale

from corporate.core.cjk import CHINESE_TEXT
from corporate.translations import po_round_trip


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
    """Translate one page or snippet into ``locale`` from the dictionary, through
    wagtail-localize's PO export and import (``po_round_trip.translate_instance``).

    Returns (translated instance, list of msgids the dictionary does not translate)."""
    return po_round_trip.translate_instance(
        instance,
        locale,
        lambda po: fill(po, dictionary),
        user,
        publish=publish,
        tool_name=tool_name,
    )
