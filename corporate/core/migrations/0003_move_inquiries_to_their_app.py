"""The contact page, its form fields and the inquiries now belong to corporate.inquiries (see
its migration 0001): drop them from this app's state only."""

from django.db import migrations


class Migration(migrations.Migration):
    dependencies = [
        ("corporate", "0002_inquiries"),
        ("inquiries", "0001_initial"),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.RemoveField(
                    model_name="contactpage",
                    name="map_image",
                ),
                migrations.RemoveField(
                    model_name="contactpage",
                    name="og_image",
                ),
                migrations.RemoveField(
                    model_name="contactpage",
                    name="page_ptr",
                ),
                migrations.RemoveField(
                    model_name="inquirysubmission",
                    name="page",
                ),
                migrations.DeleteModel(
                    name="ContactFormField",
                ),
                migrations.DeleteModel(
                    name="ContactPage",
                ),
                migrations.DeleteModel(
                    name="InquirySubmission",
                ),
            ],
            database_operations=[],
        ),
    ]
