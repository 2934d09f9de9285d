"""The Reports group (报告管理): the only group that manages test reports and reads the lookup
log. Superusers can too; Editors and Translators cannot."""

from django.db import migrations

GROUP = "Reports"
PERMISSIONS = [
    ("wagtailadmin", "admin", "access_admin"),
    ("reports", "testreport", "add_testreport"),
    ("reports", "testreport", "change_testreport"),
    ("reports", "testreport", "delete_testreport"),
    ("reports", "testreport", "view_testreport"),
    ("reports", "reportlookup", "view_reportlookup"),
]


def permission(apps, app_label, model, codename):
    ContentType = apps.get_model("contenttypes", "ContentType")
    Permission = apps.get_model("auth", "Permission")
    content_type, _created = ContentType.objects.get_or_create(app_label=app_label, model=model)
    action = codename.split("_", 1)[0]
    return Permission.objects.get_or_create(
        content_type=content_type, codename=codename, defaults={"name": f"Can {action} {model}"}
    )[0]


def create_group(apps, schema_editor):
    Group = apps.get_model("auth", "Group")
    group, _created = Group.objects.get_or_create(name=GROUP)
    group.permissions.add(*(permission(apps, *spec) for spec in PERMISSIONS))


def remove_group(apps, schema_editor):
    apps.get_model("auth", "Group").objects.filter(name=GROUP).delete()


class Migration(migrations.Migration):
    dependencies = [
        ("reports", "0001_initial"),
        ("wagtailadmin", "0001_create_admin_access_permissions"),
        ("contenttypes", "0002_remove_content_type_name"),
        ("auth", "0012_alter_user_first_name_max_length"),
    ]

    operations = [migrations.RunPython(create_group, remove_group)]
