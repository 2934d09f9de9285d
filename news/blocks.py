"""News body: the shared block library; the table of contents is built from its headings."""

from corporate.core.blocks import BaseStreamBlock


class NewsBodyBlock(BaseStreamBlock):
    class Meta:
        label = "news body"
