"""Admin hooks for translators (out-of-date English pages, progress)."""
