"""The GIN index that modelsearch's PostgreSQL backend expects on ``title || body``.

modelsearch searches ``(title || body) @@ query`` (PostgresSearchQueryCompiler.search) and its
IndexEntry model says "an additional computed GIN index on 'title || body' is created in a SQL
migration", but no migration of modelsearch or wagtail.search creates it, so every search
reads the whole index table. PostgreSQL only; a no-op on SQLite (FTS5 has its own index)."""

from django.db import migrations

INDEX_NAME = "search_indexentry_title_body_gin"


def create_index(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    table = apps.get_model("wagtailsearch", "IndexEntry")._meta.db_table
    schema_editor.execute(
        f"CREATE INDEX IF NOT EXISTS {INDEX_NAME} ON {table} USING GIN ((title || body))"
    )


def drop_index(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    schema_editor.execute(f"DROP INDEX IF EXISTS {INDEX_NAME}")


class Migration(migrations.Migration):
    dependencies = [
        ("search", "0001_initial"),
        ("wagtailsearch", "0010_add_text_fields"),
    ]

    operations = [migrations.RunPython(create_index, drop_index)]
