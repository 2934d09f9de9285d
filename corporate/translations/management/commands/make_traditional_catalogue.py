"""The Traditional Chinese UI catalogue (locale/zh_Hant/), generated from the Simplified one by
the converter that writes the Traditional site (OpenCC, ``TRADITIONAL_CHINESE_PHRASING``).
``make messages`` runs it after updating locale/zh_Hans/; never edit locale/zh_Hant/ by hand."""

from pathlib import Path

import polib
from django.conf import settings
from django.core.management.base import BaseCommand

from corporate.translations import traditional

DOMAINS = ("django", "djangojs")


def traditional_catalogue(source: polib.POFile) -> polib.POFile:
    """A copy of the Simplified catalogue with every translation in Traditional characters."""
    target = polib.POFile(wrapwidth=source.wrapwidth)
    target.header = (
        "UI strings of the Traditional Chinese site: generated from zh_Hans by\n"
        "manage.py make_traditional_catalogue (OpenCC). Do not edit: run make messages."
    )
    target.metadata = {
        **source.metadata,
        "Language": "zh_Hant",
        "Language-Team": "Traditional Chinese (generated)",
    }
    for entry in source:
        if entry.obsolete:
            continue
        copy = polib.POEntry(
            msgid=entry.msgid,
            msgid_plural=entry.msgid_plural,
            msgctxt=entry.msgctxt,
            msgstr=traditional.convert(entry.msgstr) if entry.msgstr else "",
            msgstr_plural={
                index: traditional.convert(text) for index, text in entry.msgstr_plural.items()
            },
            flags=list(entry.flags),
            comment=entry.comment,
            tcomment=entry.tcomment,
        )
        target.append(copy)
    return target


class Command(BaseCommand):
    help = "Write locale/zh_Hant/ (.po and .mo) from locale/zh_Hans/ with OpenCC."

    def add_arguments(self, parser):
        parser.add_argument(
            "--locale-dir",
            default=str(Path(settings.LOCALE_PATHS[0])),
            help="The folder holding zh_Hans/ (and to hold zh_Hant/).",
        )

    def handle(self, *args, locale_dir, **options):
        base = Path(locale_dir)
        for domain in DOMAINS:
            source_path = base / "zh_Hans" / "LC_MESSAGES" / f"{domain}.po"
            if not source_path.exists():
                continue
            target_dir = base / "zh_Hant" / "LC_MESSAGES"
            target_dir.mkdir(parents=True, exist_ok=True)
            catalogue = traditional_catalogue(polib.pofile(str(source_path)))
            catalogue.save(str(target_dir / f"{domain}.po"))
            catalogue.save_as_mofile(str(target_dir / f"{domain}.mo"))
            self.stdout.write(f"{target_dir / domain}.po: {len(catalogue)} messages")
