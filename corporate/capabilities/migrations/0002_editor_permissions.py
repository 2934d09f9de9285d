"""Editors manage certificates and the capability catalogue (Translators change the English
rows only, see corporate/core/localize_gaps/snippet_permissions.py). The roles migration grants
every translatable snippet when it runs; this completes databases migrated before this app."""

from django.db import migrations

MODELS = ["certificate", "capabilityentry"]


def permission(apps, model, codename):
    ContentType = apps.get_model("contenttypes", "ContentType")
    Permission = apps.get_model("auth", "Permission")
    content_type, _created = ContentType.objects.get_or_create(
        app_label="capabilities", model=model
    )
    action = codename.split("_", 1)[0]
    return Permission.objects.get_or_create(
        content_type=content_type, codename=codename, defaults={"name": f"Can {action} {model}"}
    )[0]


def grant(apps, schema_editor):
    Group = apps.get_model("auth", "Group")
    editors = Group.objects.filter(name="Editors").first()
    translators = Group.objects.filter(name="Translators").first()
    for model in MODELS:
        if editors is not None:
            editors.permissions.add(
                *(permission(apps, model, f"{a}_{model}") for a in ("add", "change", "delete"))
            )
        if translators is not None:
            translators.permissions.add(permission(apps, model, f"change_{model}"))


class Migration(migrations.Migration):
    dependencies = [
        ("capabilities", "0001_initial"),
        ("home", "0002_editor_and_translator_groups"),
        ("contenttypes", "0002_remove_content_type_name"),
    ]

    operations = [migrations.RunPython(grant, migrations.RunPython.noop)]
