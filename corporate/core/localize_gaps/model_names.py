"""Gap: wagtail-localize's models carry no translatable names, so its translations report counts
"243 translations" in English in a Chinese admin (Wagtail's paginator prints the model's
verbose_name_plural).

Give them names through gettext. Delete when wagtail-localize's models define verbose names
(not as of 1.14)."""

from django.utils.translation import gettext_lazy as _

NAMES = {
    "Translation": (_("translation"), _("translations")),
    "TranslationSource": (_("translation source"), _("translation sources")),
}


def install():
    """Called once from ``TranslationsConfig.ready``."""
    from wagtail_localize import models

    for name, (singular, plural) in NAMES.items():
        options = getattr(models, name)._meta
        options.verbose_name = singular
        options.verbose_name_plural = plural
