"""A saved or deleted notice changes when pages must next change: forget the cached times."""

from django.core.cache import cache
from django.db.models.signals import post_delete, post_save
from django.dispatch import receiver

from corporate.notices.models import BOUNDARIES_CACHE_KEY, Notice


@receiver(post_save, sender=Notice)
@receiver(post_delete, sender=Notice)
def forget_boundaries(sender, **kwargs):
    cache.delete(BOUNDARIES_CACHE_KEY)
