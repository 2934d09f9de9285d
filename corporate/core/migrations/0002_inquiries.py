# Inquiry form: translatable form fields (wagtail-localize), our field types, submissions with a
# reference number. Existing form fields get a translation key and their page's locale.

import uuid

import django.core.serializers.json
import django.db.models.deletion
from django.conf import settings
from django.db import migrations, models


def bootstrap_form_fields(apps, schema_editor):
    ContactFormField = apps.get_model("corporate", "ContactFormField")
    Page = apps.get_model("wagtailcore", "Page")
    for field in ContactFormField.objects.filter(locale__isnull=True):
        field.translation_key = uuid.uuid4()
        field.locale_id = Page.objects.get(pk=field.page_id).locale_id
        field.save(update_fields=["translation_key", "locale"])


class Migration(migrations.Migration):
    dependencies = [
        ("corporate", "0001_initial"),
        ("wagtailcore", "0098_apitoken"),
        migrations.swappable_dependency(settings.WAGTAIL_PAGE_MODEL),
    ]

    operations = [
        migrations.AlterModelOptions(
            name="contactformfield",
            options={
                "ordering": ["sort_order"],
                "verbose_name": "form field",
                "verbose_name_plural": "form fields",
            },
        ),
        migrations.AddField(
            model_name="contactformfield",
            name="locale",
            field=models.ForeignKey(
                null=True,
                editable=False,
                on_delete=django.db.models.deletion.PROTECT,
                related_name="+",
                to="wagtailcore.locale",
                verbose_name="locale",
            ),
        ),
        migrations.AddField(
            model_name="contactformfield",
            name="translation_key",
            field=models.UUIDField(null=True, editable=False),
        ),
        migrations.RunPython(bootstrap_form_fields, migrations.RunPython.noop),
        migrations.AlterField(
            model_name="contactformfield",
            name="locale",
            field=models.ForeignKey(
                editable=False,
                on_delete=django.db.models.deletion.PROTECT,
                related_name="+",
                to="wagtailcore.locale",
                verbose_name="locale",
            ),
        ),
        migrations.AlterField(
            model_name="contactformfield",
            name="translation_key",
            field=models.UUIDField(default=uuid.uuid4, editable=False),
        ),
        migrations.AlterField(
            model_name="contactformfield",
            name="field_type",
            field=models.CharField(
                choices=[
                    ("singleline", "Single line text"),
                    ("multiline", "Multi-line text"),
                    ("email", "Email"),
                    ("number", "Number"),
                    ("url", "URL"),
                    ("checkbox", "Checkbox"),
                    ("checkboxes", "Checkboxes"),
                    ("dropdown", "Drop down"),
                    ("multiselect", "Multiple select"),
                    ("radio", "Radio buttons"),
                    ("date", "Date"),
                    ("datetime", "Date/time"),
                    ("hidden", "Hidden field"),
                    ("phone", "Phone number (mainland or international, validated)"),
                    ("service", "Service (choice of the live service pages)"),
                    ("consent", "Consent to the privacy policy (required checkbox)"),
                ],
                max_length=16,
                verbose_name="field type",
            ),
        ),
        migrations.AlterUniqueTogether(
            name="contactformfield",
            unique_together={("translation_key", "locale")},
        ),
        migrations.CreateModel(
            name="InquirySubmission",
            fields=[
                (
                    "id",
                    models.BigAutoField(
                        auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                    ),
                ),
                (
                    "form_data",
                    models.JSONField(encoder=django.core.serializers.json.DjangoJSONEncoder),
                ),
                (
                    "submit_time",
                    models.DateTimeField(auto_now_add=True, verbose_name="submit time"),
                ),
                (
                    "reference",
                    models.CharField(
                        editable=False, max_length=20, unique=True, verbose_name="reference number"
                    ),
                ),
                (
                    "language",
                    models.CharField(
                        blank=True,
                        choices=[("zh-hans", "简体中文"), ("en", "English")],
                        editable=False,
                        max_length=10,
                        verbose_name="language",
                    ),
                ),
                (
                    "mail_sent_at",
                    models.DateTimeField(blank=True, null=True, verbose_name="e-mail sent at"),
                ),
                (
                    "mail_error",
                    models.CharField(blank=True, max_length=500, verbose_name="e-mail error"),
                ),
                (
                    "page",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.CASCADE, to=settings.WAGTAIL_PAGE_MODEL
                    ),
                ),
            ],
            options={
                "verbose_name": "inquiry",
                "verbose_name_plural": "inquiries",
                "ordering": ["-submit_time"],
            },
        ),
    ]
