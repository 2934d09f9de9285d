"""Gap: Wagtail's rich text editor widget is not thread-safe. ``ContentstateConverter`` keeps one
``HTMLParser`` (``html_to_contentstate_handler``) per widget and resets and feeds it on every
``from_database_format``; a StreamField's ``RichTextBlock`` builds its widget once per block
definition, so two threads rendering edit forms at once (``make run``'s threaded server, a
threaded WSGI server) feed the same parser and one of them fails with "unexpected call to
parse_endtag" or returns the other editor's text.

Every call gets a parser of its own. Delete when Wagtail builds the handler per call (it keeps
one per converter, as of 8.x)."""

from wagtail.admin.rich_text.converters.contentstate import ContentstateConverter
from wagtail.admin.rich_text.converters.html_to_contentstate import HtmlToContentStateHandler

upstream_from_database_format = ContentstateConverter.from_database_format


def from_database_format(self, html):
    handler = HtmlToContentStateHandler(self.features)
    handler.reset()
    handler.feed(html)
    handler.close()
    return handler.contentstate.as_json(indent=4, separators=(",", ": "))


def install():
    ContentstateConverter.from_database_format = from_database_format
