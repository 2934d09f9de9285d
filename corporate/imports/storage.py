"""Files that must never be reachable by address: uploaded import files, test report PDFs.

They live under ``settings.PRIVATE_MEDIA_ROOT`` (not under MEDIA_ROOT, so neither nginx nor
Django's static serving can hand them out) and are served only by views that check who asks.
A deployment can point ``STORAGES["private"]`` at another back end (e.g. a private bucket)."""

from functools import cache

from django.conf import settings
from django.core.files.storage import FileSystemStorage, storages


class PrivateFileSystemStorage(FileSystemStorage):
    def url(self, name):
        raise ValueError("Private files have no public address; serve them through a view.")


@cache
def _default_private_storage():
    return PrivateFileSystemStorage(location=settings.PRIVATE_MEDIA_ROOT, base_url="/private/")


def private_storage():
    """The storage of private files (a callable, so that migrations do not record a path)."""
    if "private" in settings.STORAGES:
        return storages["private"]
    return _default_private_storage()
