"""The default synonyms (危废 → 危险废物, 环评 → 环境影响评价, VOCs → 挥发性有机物 …) for the
locales that exist now; search/signals.py adds them for a locale created later."""

from django.db import migrations

from search.synonyms import seed_all


def seed(apps, schema_editor):
    seed_all(apps.get_model("wagtailcore", "Locale"), apps.get_model("search", "SearchSynonym"))


class Migration(migrations.Migration):
    dependencies = [("search", "0002_indexentry_title_body_gin")]

    operations = [migrations.RunPython(seed, migrations.RunPython.noop)]
