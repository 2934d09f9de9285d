"""The contact page, its form fields and the inquiries move from the ``corporate`` app (now
corporate.core) to this app: the models change app in Django's state only (their rows stay),
their content types are relabelled in place (so pages, revisions and permissions keep them),
and their tables are renamed to this app's names."""

import django.core.serializers.json
import django.db.models.deletion
import modelcluster.fields
import uuid
import wagtail.contrib.forms.models
import wagtail.fields
from django.conf import settings
from django.db import migrations, models


MOVED = ["contactpage", "contactformfield", "inquirysubmission"]


def relabel_content_types(apps, schema_editor):
    ContentType = apps.get_model("contenttypes", "ContentType")
    ContentType.objects.filter(app_label="corporate", model__in=MOVED).update(app_label="inquiries")


def unrelabel_content_types(apps, schema_editor):
    ContentType = apps.get_model("contenttypes", "ContentType")
    ContentType.objects.filter(app_label="inquiries", model__in=MOVED).update(app_label="corporate")


class Migration(migrations.Migration):
    initial = True

    dependencies = [
        ("corporate", "0002_inquiries"),
        ("contenttypes", "0002_remove_content_type_name"),
        ("wagtailcore", "0098_apitoken"),
        ("wagtailimages", "0027_image_description"),
        migrations.swappable_dependency(settings.WAGTAIL_PAGE_MODEL),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.CreateModel(
                    name="ContactPage",
                    fields=[
                        (
                            "page_ptr",
                            models.OneToOneField(
                                auto_created=True,
                                on_delete=django.db.models.deletion.CASCADE,
                                parent_link=True,
                                primary_key=True,
                                serialize=False,
                                to=settings.WAGTAIL_PAGE_MODEL,
                            ),
                        ),
                        (
                            "noindex",
                            models.BooleanField(
                                default=False, verbose_name="hide from search engines"
                            ),
                        ),
                        (
                            "to_address",
                            models.CharField(
                                blank=True,
                                help_text="Optional - form submissions will be emailed to these addresses. Separate multiple addresses by comma.",
                                max_length=255,
                                validators=[wagtail.contrib.forms.models.validate_to_address],
                                verbose_name="to address",
                            ),
                        ),
                        (
                            "from_address",
                            models.EmailField(
                                blank=True, max_length=255, verbose_name="from address"
                            ),
                        ),
                        (
                            "subject",
                            models.CharField(blank=True, max_length=255, verbose_name="subject"),
                        ),
                        (
                            "intro",
                            models.TextField(
                                blank=True, max_length=600, verbose_name="introduction"
                            ),
                        ),
                        (
                            "body",
                            wagtail.fields.StreamField(
                                [
                                    ("heading", 2),
                                    ("paragraph", 3),
                                    ("numbered_points", 9),
                                    ("image", 14),
                                    ("quote", 17),
                                    ("call_to_action", 22),
                                    ("key_figures", 27),
                                    ("process_steps", 32),
                                    ("table", 40),
                                    ("document", 44),
                                    ("faq", 50),
                                ],
                                blank=True,
                                block_lookup={
                                    0: (
                                        "wagtail.blocks.CharBlock",
                                        (),
                                        {"label": "Heading", "max_length": 120},
                                    ),
                                    1: (
                                        "wagtail.blocks.ChoiceBlock",
                                        [],
                                        {
                                            "choices": [
                                                ("h2", "Section (H2)"),
                                                ("h3", "Subsection (H3)"),
                                            ],
                                            "label": "Level",
                                        },
                                    ),
                                    2: (
                                        "wagtail.blocks.StructBlock",
                                        [[("heading", 0), ("level", 1)]],
                                        {},
                                    ),
                                    3: ("corporate.core.blocks.ParagraphBlock", (), {}),
                                    4: (
                                        "wagtail.blocks.ChoiceBlock",
                                        [],
                                        {
                                            "choices": [
                                                (
                                                    "ordinal",
                                                    "Ordinal words (一是, 二是 / First, Second)",
                                                ),
                                                ("decimal", "Numbers (1. 2. 3.)"),
                                                ("none", "No numbers"),
                                            ],
                                            "label": "Numbering",
                                        },
                                    ),
                                    5: (
                                        "wagtail.blocks.CharBlock",
                                        (),
                                        {
                                            "help_text": "Shown in bold, after the ordinal (一是 / First).",
                                            "label": "Lead sentence",
                                            "max_length": 200,
                                        },
                                    ),
                                    6: (
                                        "wagtail.blocks.TextBlock",
                                        (),
                                        {
                                            "default": "",
                                            "help_text": "The rest of the point. A blank line starts a new paragraph.",
                                            "label": "Text",
                                            "required": False,
                                        },
                                    ),
                                    7: (
                                        "wagtail.blocks.StructBlock",
                                        [[("lead", 5), ("text", 6)]],
                                        {},
                                    ),
                                    8: (
                                        "wagtail.blocks.ListBlock",
                                        (7,),
                                        {"label": "Points", "max_num": 20, "min_num": 1},
                                    ),
                                    9: (
                                        "wagtail.blocks.StructBlock",
                                        [[("style", 4), ("points", 8)]],
                                        {},
                                    ),
                                    10: (
                                        "wagtail.images.blocks.ImageChooserBlock",
                                        (),
                                        {"label": "Image"},
                                    ),
                                    11: (
                                        "wagtail.blocks.CharBlock",
                                        (),
                                        {
                                            "default": "",
                                            "help_text": "Describe the image for people who cannot see it. Leave empty to use the image's description.",
                                            "label": "Alternative text",
                                            "max_length": 200,
                                            "required": False,
                                        },
                                    ),
                                    12: (
                                        "wagtail.blocks.CharBlock",
                                        (),
                                        {
                                            "default": "",
                                            "label": "Caption",
                                            "max_length": 250,
                                            "required": False,
                                        },
                                    ),
                                    13: (
                                        "wagtail.blocks.ChoiceBlock",
                                        [],
                                        {
                                            "choices": [
                                                ("content", "Text width"),
                                                ("wide", "Wide"),
                                            ],
                                            "label": "Width",
                                        },
                                    ),
                                    14: (
                                        "wagtail.blocks.StructBlock",
                                        [
                                            [
                                                ("image", 10),
                                                ("alt_text", 11),
                                                ("caption", 12),
                                                ("width", 13),
                                            ]
                                        ],
                                        {},
                                    ),
                                    15: (
                                        "wagtail.blocks.TextBlock",
                                        (),
                                        {"label": "Quote", "max_length": 1000},
                                    ),
                                    16: (
                                        "wagtail.blocks.CharBlock",
                                        (),
                                        {
                                            "default": "",
                                            "label": "Attribution",
                                            "max_length": 200,
                                            "required": False,
                                        },
                                    ),
                                    17: (
                                        "wagtail.blocks.StructBlock",
                                        [[("quote", 15), ("attribution", 16)]],
                                        {},
                                    ),
                                    18: (
                                        "wagtail.blocks.TextBlock",
                                        (),
                                        {
                                            "default": "",
                                            "label": "Text",
                                            "max_length": 400,
                                            "required": False,
                                        },
                                    ),
                                    19: (
                                        "wagtail.blocks.CharBlock",
                                        (),
                                        {"label": "Button label", "max_length": 40},
                                    ),
                                    20: (
                                        "wagtail.blocks.PageChooserBlock",
                                        (),
                                        {"label": "Link to a page", "required": False},
                                    ),
                                    21: (
                                        "wagtail.blocks.URLBlock",
                                        (),
                                        {"label": "Or an external address", "required": False},
                                    ),
                                    22: (
                                        "wagtail.blocks.StructBlock",
                                        [
                                            [
                                                ("heading", 0),
                                                ("text", 18),
                                                ("button_label", 19),
                                                ("page", 20),
                                                ("url", 21),
                                            ]
                                        ],
                                        {},
                                    ),
                                    23: (
                                        "wagtail.blocks.CharBlock",
                                        (),
                                        {
                                            "help_text": "e.g. 13, 2000+, 24 h",
                                            "label": "Figure",
                                            "max_length": 20,
                                        },
                                    ),
                                    24: (
                                        "wagtail.blocks.CharBlock",
                                        (),
                                        {"label": "Label", "max_length": 80},
                                    ),
                                    25: (
                                        "wagtail.blocks.StructBlock",
                                        [[("figure", 23), ("label", 24)]],
                                        {},
                                    ),
                                    26: (
                                        "wagtail.blocks.ListBlock",
                                        (25,),
                                        {"label": "Figures", "max_num": 6, "min_num": 2},
                                    ),
                                    27: ("wagtail.blocks.StructBlock", [[("figures", 26)]], {}),
                                    28: (
                                        "wagtail.blocks.CharBlock",
                                        (),
                                        {"label": "Step", "max_length": 80},
                                    ),
                                    29: (
                                        "wagtail.blocks.TextBlock",
                                        (),
                                        {
                                            "default": "",
                                            "label": "Description",
                                            "max_length": 600,
                                            "required": False,
                                        },
                                    ),
                                    30: (
                                        "wagtail.blocks.StructBlock",
                                        [[("title", 28), ("description", 29)]],
                                        {},
                                    ),
                                    31: (
                                        "wagtail.blocks.ListBlock",
                                        (30,),
                                        {"label": "Steps", "max_num": 12, "min_num": 2},
                                    ),
                                    32: ("wagtail.blocks.StructBlock", [[("steps", 31)]], {}),
                                    33: (
                                        "wagtail.blocks.CharBlock",
                                        (),
                                        {
                                            "default": "",
                                            "label": "Caption",
                                            "max_length": 200,
                                            "required": False,
                                        },
                                    ),
                                    34: (
                                        "wagtail.blocks.CharBlock",
                                        (),
                                        {"label": "Column heading", "max_length": 120},
                                    ),
                                    35: (
                                        "wagtail.blocks.ListBlock",
                                        (34,),
                                        {"label": "Column headings", "max_num": 8, "min_num": 1},
                                    ),
                                    36: (
                                        "wagtail.blocks.CharBlock",
                                        (),
                                        {
                                            "default": "",
                                            "label": "Cell",
                                            "max_length": 300,
                                            "required": False,
                                        },
                                    ),
                                    37: ("wagtail.blocks.ListBlock", (36,), {"label": "Cells"}),
                                    38: ("wagtail.blocks.StructBlock", [[("cells", 37)]], {}),
                                    39: (
                                        "wagtail.blocks.ListBlock",
                                        (38,),
                                        {"label": "Rows", "max_num": 100, "min_num": 1},
                                    ),
                                    40: (
                                        "wagtail.blocks.StructBlock",
                                        [[("caption", 33), ("header", 35), ("rows", 39)]],
                                        {},
                                    ),
                                    41: (
                                        "wagtail.documents.blocks.DocumentChooserBlock",
                                        (),
                                        {"label": "Document"},
                                    ),
                                    42: (
                                        "wagtail.blocks.CharBlock",
                                        (),
                                        {
                                            "default": "",
                                            "help_text": "Defaults to the document's title.",
                                            "label": "Link text",
                                            "max_length": 200,
                                            "required": False,
                                        },
                                    ),
                                    43: (
                                        "wagtail.blocks.TextBlock",
                                        (),
                                        {
                                            "default": "",
                                            "label": "Description",
                                            "max_length": 400,
                                            "required": False,
                                        },
                                    ),
                                    44: (
                                        "wagtail.blocks.StructBlock",
                                        [[("document", 41), ("title", 42), ("description", 43)]],
                                        {},
                                    ),
                                    45: (
                                        "wagtail.blocks.CharBlock",
                                        (),
                                        {
                                            "default": "",
                                            "label": "Heading",
                                            "max_length": 120,
                                            "required": False,
                                        },
                                    ),
                                    46: (
                                        "wagtail.blocks.CharBlock",
                                        (),
                                        {"label": "Question", "max_length": 250},
                                    ),
                                    47: (
                                        "wagtail.blocks.RichTextBlock",
                                        (),
                                        {
                                            "features": [
                                                "bold",
                                                "italic",
                                                "link",
                                                "document-link",
                                                "ol",
                                                "ul",
                                                "superscript",
                                            ],
                                            "label": "Answer",
                                        },
                                    ),
                                    48: (
                                        "wagtail.blocks.StructBlock",
                                        [[("question", 46), ("answer", 47)]],
                                        {},
                                    ),
                                    49: (
                                        "wagtail.blocks.ListBlock",
                                        (48,),
                                        {"label": "Questions", "max_num": 30, "min_num": 1},
                                    ),
                                    50: (
                                        "wagtail.blocks.StructBlock",
                                        [[("heading", 45), ("items", 49)]],
                                        {},
                                    ),
                                },
                                verbose_name="body",
                            ),
                        ),
                        (
                            "map_alt_text",
                            models.CharField(
                                blank=True, max_length=200, verbose_name="map description"
                            ),
                        ),
                        (
                            "thank_you_text",
                            wagtail.fields.RichTextField(blank=True, verbose_name="thank-you text"),
                        ),
                        (
                            "map_image",
                            models.ForeignKey(
                                blank=True,
                                null=True,
                                on_delete=django.db.models.deletion.SET_NULL,
                                related_name="+",
                                to="wagtailimages.image",
                                verbose_name="map image",
                            ),
                        ),
                        (
                            "og_image",
                            models.ForeignKey(
                                blank=True,
                                help_text="Shown when the page is shared; defaults to the page's main image.",
                                null=True,
                                on_delete=django.db.models.deletion.SET_NULL,
                                related_name="+",
                                to="wagtailimages.image",
                                verbose_name="social sharing image",
                            ),
                        ),
                    ],
                    options={
                        "db_table": "corporate_contactpage",
                        "verbose_name": "contact page",
                        "verbose_name_plural": "contact pages",
                    },
                    bases=(
                        wagtail.contrib.forms.models.FormMixin,
                        "wagtailcore.page",
                        models.Model,
                    ),
                ),
                migrations.CreateModel(
                    name="InquirySubmission",
                    fields=[
                        (
                            "id",
                            models.BigAutoField(
                                auto_created=True,
                                primary_key=True,
                                serialize=False,
                                verbose_name="ID",
                            ),
                        ),
                        (
                            "form_data",
                            models.JSONField(
                                encoder=django.core.serializers.json.DjangoJSONEncoder
                            ),
                        ),
                        (
                            "submit_time",
                            models.DateTimeField(auto_now_add=True, verbose_name="submit time"),
                        ),
                        (
                            "reference",
                            models.CharField(
                                editable=False,
                                max_length=20,
                                unique=True,
                                verbose_name="reference number",
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
                            models.DateTimeField(
                                blank=True, null=True, verbose_name="e-mail sent at"
                            ),
                        ),
                        (
                            "mail_error",
                            models.CharField(
                                blank=True, max_length=500, verbose_name="e-mail error"
                            ),
                        ),
                        (
                            "page",
                            models.ForeignKey(
                                on_delete=django.db.models.deletion.CASCADE,
                                to=settings.WAGTAIL_PAGE_MODEL,
                            ),
                        ),
                    ],
                    options={
                        "db_table": "corporate_inquirysubmission",
                        "verbose_name": "inquiry",
                        "verbose_name_plural": "inquiries",
                        "ordering": ["-submit_time"],
                    },
                ),
                migrations.CreateModel(
                    name="ContactFormField",
                    fields=[
                        (
                            "id",
                            models.BigAutoField(
                                auto_created=True,
                                primary_key=True,
                                serialize=False,
                                verbose_name="ID",
                            ),
                        ),
                        ("translation_key", models.UUIDField(default=uuid.uuid4, editable=False)),
                        ("sort_order", models.IntegerField(blank=True, editable=False, null=True)),
                        (
                            "clean_name",
                            models.CharField(
                                blank=True,
                                default="",
                                help_text="Safe name of the form field, the label converted to ascii_snake_case",
                                max_length=255,
                                verbose_name="name",
                            ),
                        ),
                        (
                            "label",
                            models.CharField(
                                help_text="The label of the form field",
                                max_length=255,
                                verbose_name="label",
                            ),
                        ),
                        ("required", models.BooleanField(default=True, verbose_name="required")),
                        (
                            "choices",
                            models.TextField(
                                blank=True,
                                help_text="Comma or new line separated list of choices. Only applicable in checkboxes, radio and dropdown.",
                                verbose_name="choices",
                            ),
                        ),
                        (
                            "default_value",
                            models.TextField(
                                blank=True,
                                help_text="Default value. Comma or new line separated values supported for checkboxes.",
                                verbose_name="default value",
                            ),
                        ),
                        (
                            "help_text",
                            models.CharField(blank=True, max_length=255, verbose_name="help text"),
                        ),
                        (
                            "field_type",
                            models.CharField(
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
                                    (
                                        "phone",
                                        "Phone number (mainland or international, validated)",
                                    ),
                                    ("service", "Service (choice of the live service pages)"),
                                    (
                                        "consent",
                                        "Consent to the privacy policy (required checkbox)",
                                    ),
                                ],
                                max_length=16,
                                verbose_name="field type",
                            ),
                        ),
                        (
                            "locale",
                            models.ForeignKey(
                                editable=False,
                                on_delete=django.db.models.deletion.PROTECT,
                                related_name="+",
                                to="wagtailcore.locale",
                                verbose_name="locale",
                            ),
                        ),
                        (
                            "page",
                            modelcluster.fields.ParentalKey(
                                on_delete=django.db.models.deletion.CASCADE,
                                related_name="form_fields",
                                to="inquiries.contactpage",
                            ),
                        ),
                    ],
                    options={
                        "db_table": "corporate_contactformfield",
                        "verbose_name": "form field",
                        "verbose_name_plural": "form fields",
                        "ordering": ["sort_order"],
                        "abstract": False,
                        "unique_together": {("translation_key", "locale")},
                    },
                ),
            ],
            database_operations=[],
        ),
        migrations.RunPython(relabel_content_types, unrelabel_content_types),
        migrations.AlterModelTable(name="contactpage", table=None),
        migrations.AlterModelTable(name="contactformfield", table=None),
        migrations.AlterModelTable(name="inquirysubmission", table=None),
    ]
