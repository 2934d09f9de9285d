"""Create the Editors and Translators groups (see corporate/translations/roles.py)."""

from django.db import migrations

from corporate.translations.roles import setup_groups


def create_groups(apps, schema_editor):
    setup_groups(apps)


def remove_translators(apps, schema_editor):
    apps.get_model("auth", "Group").objects.filter(name="Translators").delete()


class Migration(migrations.Migration):
    dependencies = [
        ("home", "0001_initial"),
        ("auth", "0012_alter_user_first_name_max_length"),
        ("contenttypes", "0002_remove_content_type_name"),
        ("wagtailcore", "0098_apitoken"),
        ("wagtailadmin", "0006_formstate"),
        ("wagtailimages", "0027_image_description"),
        ("wagtaildocs", "0014_alter_document_file_size"),
        ("wagtail_localize", "0016_rename_page_revision_translationlog_revision"),
        ("corporate", "0001_initial"),
        ("news", "0001_initial"),
    ]

    operations = [migrations.RunPython(create_groups, remove_translators)]
