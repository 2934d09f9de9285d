"""Retries with back-off for background tasks (django-tasks has none of its own).

A task that fails calls ``retry_later(task, attempt, *args)``: on a backend that can defer (the
database backend of production) the same task is queued again to run after
``TASK_RETRY_DELAY * 2 ** (attempt - 1)`` seconds, until ``TASK_MAX_ATTEMPTS`` attempts have
been made; then (or at once on the immediate backend of development and tests, where waiting
would hold up the request) it answers False and the caller records the failure for good."""

import datetime
import logging

from django.conf import settings
from django.utils import timezone

logger = logging.getLogger("corporate.operations")


def max_attempts():
    return int(getattr(settings, "TASK_MAX_ATTEMPTS", 5))


def delay_for(attempt):
    """Seconds to wait before attempt ``attempt + 1``."""
    base = float(getattr(settings, "TASK_RETRY_DELAY", 30))
    return min(base * 2 ** (attempt - 1), float(getattr(settings, "TASK_RETRY_MAX_DELAY", 3600)))


def can_retry(task, attempt):
    return attempt < max_attempts() and task.get_backend().supports_defer


def retry_later(task, attempt, *args):
    """Queue attempt ``attempt + 1`` of ``task(*args, attempt)``; False when none is left."""
    if not can_retry(task, attempt):
        return False
    delay = delay_for(attempt)
    run_after = timezone.now() + datetime.timedelta(seconds=delay)
    task.using(run_after=run_after).enqueue(*args, attempt=attempt + 1)
    logger.warning(
        "Task %s failed (attempt %d of %d); trying again in %.0f s",
        task.name,
        attempt,
        max_attempts(),
        delay,
    )
    return True
