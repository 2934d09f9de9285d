"""The JSON serialization of dumpdata/loaddata (settings.SERIALIZATION_MODULES["json"]), robust
to references kept on purpose to rows that are gone.

Wagtail keeps the log entry of a deleted page (PageLogEntry.page: a foreign key without a
database constraint, on_delete=DO_NOTHING), so the site history still shows the deletion.
Django's serializer, asked for natural foreign keys (``dumpdata --natural-foreign``), looks the
page up and fails with "Page matching query does not exist". Here such a reference is written
as the raw id instead, which loaddata reads back as it was: the dump is complete and faithful.
Delete when Django's serializer handles dangling natural foreign keys itself."""

from django.core.exceptions import ObjectDoesNotExist
from django.core.serializers import json as django_json

Deserializer = django_json.Deserializer


class Serializer(django_json.Serializer):
    def handle_fk_field(self, obj, field):
        try:
            super().handle_fk_field(obj, field)
        except ObjectDoesNotExist:
            self._current[field.name] = getattr(obj, field.get_attname())
