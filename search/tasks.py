"""Background work of the site search (django-tasks, run by the task worker in production).

- ``update_search_index``: the index update after a page or snippet is saved (published,
  unpublished, edited). It replaces modelsearch's own ``insert_or_update_object_task`` (see
  search/signals.py), the same work with retries and back-off, so a search backend that is
  briefly away (OpenSearch, a database fail-over) does not leave a page out of the index.
- ``prune_search_log``: deletes the search log's days older than ``SEARCH_LOG_RETENTION_DAYS``
  (180 by default); queued at most once a day by the first search of the day."""

import datetime
import logging

from django.apps import apps
from django.conf import settings
from django.utils import timezone
from django_tasks import task
from modelsearch import index

from corporate.operations.retry import retry_later
from search.models import SearchQueryLog

logger = logging.getLogger("corporate.search")


@task()
def update_search_index(app_label, model_name, pk, attempt=1):
    model = apps.get_model(app_label, model_name)
    instance = model._default_manager.filter(pk=pk).first()
    if instance is None:  # deleted since: post_delete already removed it from the index
        return "gone"
    try:
        index.insert_or_update_object(instance)
    except Exception:
        if retry_later(update_search_index, attempt, app_label, model_name, pk):
            return "retrying"
        raise
    return "indexed"


def retention_days():
    return int(getattr(settings, "SEARCH_LOG_RETENTION_DAYS", 180))


@task()
def prune_search_log(attempt=1):
    """Delete the log's days older than the retention; return how many rows went."""
    cutoff = timezone.localdate() - datetime.timedelta(days=retention_days())
    deleted, _ = SearchQueryLog.objects.filter(date__lt=cutoff).delete()
    if deleted:
        logger.info("Search log: %d rows older than %s deleted", deleted, cutoff)
    return deleted
