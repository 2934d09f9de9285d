"""Roles, least privilege (see corporate/translations/roles.py): Editors also manage snippets of
every kind, settings, redirects, promoted search results and whole branches of the Chinese tree;
a new Inquiry handlers group alone reads, exports and deletes inquiries; Wagtail's default
Moderators group and its approval workflow go. Each group gets exactly its permissions."""

from django.db import migrations

from corporate.translations.roles import INQUIRY_HANDLERS, setup_groups


def apply_roles(apps, schema_editor):
    setup_groups(apps)


def remove_inquiry_handlers(apps, schema_editor):
    apps.get_model("auth", "Group").objects.filter(name=INQUIRY_HANDLERS).delete()


class Migration(migrations.Migration):
    dependencies = [
        ("home", "0002_editor_and_translator_groups"),
        ("inquiries", "0001_initial"),
        ("wagtailcore", "0098_apitoken"),
        ("wagtailredirects", "0008_add_verbose_name_plural"),
        ("wagtailsearchpromotions", "0008_query_verbose_name"),
    ]

    operations = [migrations.RunPython(apply_roles, remove_inquiry_handlers)]
