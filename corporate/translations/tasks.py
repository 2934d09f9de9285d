"""Background work of the generated Traditional Chinese site (django-tasks): after a Chinese
page is published, unpublished or deleted, or a Chinese snippet saved or deleted, the task
worker (``manage.py db_worker`` in production; in development and tests the immediate backend
runs it at commit) writes its Traditional copy (``corporate.translations.traditional``)."""

import logging

from django.apps import apps
from django.db import transaction
from django_tasks import task

from corporate.operations.retry import retry_later
from corporate.translations import traditional

logger = logging.getLogger("corporate.translations")


@task()
def generate_traditional(model_label, translation_key, attempt=1):
    try:
        model = apps.get_model(model_label)
    except LookupError:
        return "unknown model"
    try:
        with transaction.atomic(), traditional.paused():
            return traditional.sync(model, translation_key)
    except Exception:
        logger.exception("Traditional copy of %s %s failed", model_label, translation_key)
        if retry_later(generate_traditional, attempt, model_label, translation_key):
            return "retrying"
        raise
