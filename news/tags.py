"""Article tags that are translated with the article.

Tags are plain taggit tags (one set per language). wagtail-localize would copy the Chinese
tags to the English article unchanged; this manager offers each tag name to translators as a
segment instead and writes the translated names back, so no Chinese tag is shown under /en/.
"""

from modelcluster.contrib.taggit import ClusterTaggableManager


class TranslatableTagsManager(ClusterTaggableManager):
    def get_translatable_segments(self, value):
        from wagtail_localize.segments import StringSegmentValue

        names = sorted({tag.name for tag in value})
        return [StringSegmentValue(str(position), name) for position, name in enumerate(names)]

    def restore_translated_segments(self, value, segments):
        return [segment.render_text() for segment in segments]

    def __set__(self, instance, value):
        # wagtail-localize assigns the translated names with setattr(); taggit's descriptor
        # has no __set__, which would hide the manager behind a plain list.
        names = [getattr(tag, "name", tag) for tag in value]
        self.__get__(instance, type(instance)).set(names)
