"""Background work of the generated Traditional Chinese site (django-tasks): after a Chinese
page is published, unpublished or deleted, or a Chinese snippet saved or deleted, the task
worker (``manage.py db_worker`` in production; in development and tests the immediate backend
runs it at commit) writes its Traditional copy (``corporate.translations.traditional``).

It runs below the default priority: a publish also queues the purge of the front-end cache
(Wagtail's ``purge_urls_from_cache_task``) and the search-engine pushes, which take milliseconds
and must not wait the seconds a Traditional copy takes ("the new text within a second")."""

import logging

from django.apps import apps
from django.db import transaction
from django_tasks import task

from corporate.operations import references
from corporate.operations.retry import retry_later
from corporate.translations import traditional

logger = logging.getLogger("corporate.translations")
TRADITIONAL_PRIORITY = -10


@task(priority=TRADITIONAL_PRIORITY)
def generate_traditional(model_label, translation_key, attempt=1):
    try:
        model = apps.get_model(model_label)
    except LookupError:
        return "unknown model"
    try:
        with transaction.atomic(), traditional.paused(), references.indexed_once():
            return traditional.sync(model, translation_key)
    except Exception:
        logger.exception("Traditional copy of %s %s failed", model_label, translation_key)
        if retry_later(generate_traditional, attempt, model_label, translation_key):
            return "retrying"
        raise
