"""The default synonyms added for what visitors type (COD, BOD, TVOC, PM2.5, EIA, 尾气,
gas station …) in the locales that exist now; those already there (an editor's) are kept."""

from django.db import migrations

from search.synonyms import seed_all


def seed(apps, schema_editor):
    seed_all(apps.get_model("wagtailcore", "Locale"), apps.get_model("search", "SearchSynonym"))


class Migration(migrations.Migration):
    dependencies = [("search", "0004_indexentry_inline_vectors_page_expiry_index")]

    operations = [migrations.RunPython(seed, migrations.RunPython.noop)]
