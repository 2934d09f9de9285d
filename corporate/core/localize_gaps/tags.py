"""Gap: wagtail-localize copies taggit tags to a translation unchanged, so an English article
would carry the Chinese tags.

This manager offers each tag name to translators as a segment, keyed by the tag's slug (so
adding or removing a tag leaves every other tag's translation in place), and writes the
translated names back. Delete when wagtail-localize translates tags (not as of 1.14)."""

from django.utils.text import slugify
from modelcluster.contrib.taggit import ClusterTaggableManager
from wagtail_localize.segments import StringSegmentValue


def tag_key(tag):
    """The segment key of a tag: its slug (made as taggit makes it while the tag is unsaved)."""
    return tag.slug or slugify(tag.name, allow_unicode=True)


class TranslatableTagsManager(ClusterTaggableManager):
    def get_translatable_segments(self, value):
        tags = {tag_key(tag): tag.name for tag in value}
        return [StringSegmentValue(key, tags[key]) for key in sorted(tags)]

    def restore_translated_segments(self, value, segments):
        return [segment.render_text() for segment in segments]

    def __set__(self, instance, value):
        # wagtail-localize assigns the translated names with setattr(); taggit's descriptor
        # has no __set__, which would hide the manager behind a plain list.
        names = [getattr(tag, "name", tag) for tag in value]
        self.__get__(instance, type(instance)).set(names)
