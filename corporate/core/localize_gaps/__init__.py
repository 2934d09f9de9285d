"""Every workaround of a gap in Wagtail or wagtail-localize, one module per gap.

Each module says what the gap is, what would let it be deleted, and has a test in
``tests/test_localize_gaps.py`` that fails when upstream changes the behaviour it works around.

- ``page_references``: a page chosen in Chinese content still points at the Chinese page in its
  English copy; follow it into the visitor's language (or show nothing).
- ``aliases``: a page that is only an alias of another language's page would show Chinese.
- ``publish_guard``: nothing stops untranslated (Chinese) text from going live under /en/,
  whichever path publishes it (wagtail-localize fills missing strings with the Chinese text).
- ``model_names``: wagtail-localize's models have no translatable names.
- ``snippet_permissions``: snippet permissions are per model, not per language.
- ``tags``: taggit tags are copied to translations unchanged.
- ``progress``: wagtail-localize counts translation progress one translation at a time.
- ``locale_lookups``: Wagtail reads the Locale table on every ``Locale.get_active()``.
- ``view_restrictions``: every ``public()`` reads the whole view-restriction table.
- ``routing``: Wagtail walks the tree with two queries per path component on every request.
- ``site_lookup``: Wagtail reads the Site table on every request.
- ``rich_text_parser``: Wagtail's rich text widget shares one HTML parser between threads.

The hook modules register themselves when ``corporate.core.wagtail_hooks`` imports them.
"""
