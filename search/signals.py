"""A locale created after the migrations (the English site, a test's fixture) gets the
default synonyms of its language too."""

from django.db.models.signals import post_save
from django.dispatch import receiver
from wagtail.models import Locale

from search.models import SearchSynonym
from search.synonyms import seed_default_synonyms


@receiver(post_save, sender=Locale, dispatch_uid="search_seed_synonyms")
def seed_synonyms_for_new_locale(sender, instance, created, raw=False, **kwargs):
    if created and not raw:
        seed_default_synonyms(Locale, SearchSynonym, instance)
