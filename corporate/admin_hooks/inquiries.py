"""Admin hooks of the inquiry form (submissions, exports)."""
