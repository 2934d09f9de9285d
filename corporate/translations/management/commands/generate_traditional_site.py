"""Write the whole Traditional Chinese site (/zh-hant/) from the Simplified one again."""

from django.core.management.base import BaseCommand

from corporate.translations import traditional


class Command(BaseCommand):
    help = (
        "Generate every page, snippet and translatable setting of the Traditional Chinese site "
        "(/zh-hant/) from the Simplified one: OpenCC through wagtail-localize."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--force",
            action="store_true",
            help="Write every copy again, also those made from the current Chinese text "
            "(after changing TRADITIONAL_CHINESE_PHRASING).",
        )

    def handle(self, *args, force=False, **options):
        written, seconds = traditional.regenerate_all(force=force)
        self.stdout.write(
            self.style.SUCCESS(f"Traditional Chinese site: {written} objects in {seconds:.1f} s")
        )
