"""Signal receivers of the search app:

- a locale created after the migrations (the English site, a test's fixture) gets the default
  synonyms of its language too;
- index updates after a save run as ``search.tasks.update_search_index`` (with retries) on the
  task worker;
- the first search of a day queues the pruning of the search log."""

from django.core.cache import cache
from django.db.models.signals import post_save
from django.dispatch import receiver
from django.utils import timezone
from modelsearch import signal_handlers as modelsearch_signal_handlers
from wagtail.models import Locale

from search import tasks
from search.models import SearchQueryLog, SearchSynonym
from search.synonyms import seed_default_synonyms

# modelsearch's post_save receiver queues the module-level ``insert_or_update_object_task`` it
# looks up when called; pointing that name at our task (same arguments, plus retries) keeps its
# receiver, which the demo builder disconnects while it builds, the one that is connected.
# Delete when modelsearch's task retries by itself.
modelsearch_signal_handlers.insert_or_update_object_task = tasks.update_search_index


@receiver(post_save, sender=Locale, dispatch_uid="search_seed_synonyms")
def seed_synonyms_for_new_locale(sender, instance, created, raw=False, **kwargs):
    if created and not raw:
        seed_default_synonyms(Locale, SearchSynonym, instance)


@receiver(post_save, sender=SearchQueryLog, dispatch_uid="search_prune_log_daily")
def prune_log_once_a_day(sender, instance, created, raw=False, **kwargs):
    # cache.add is atomic: one process of many queues the day's pruning.
    if created and not raw and cache.add(f"search-log-pruned:{timezone.localdate()}", 1, 2 * 86400):
        tasks.prune_search_log.enqueue()
