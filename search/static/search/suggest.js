// Header search suggestions (filled in by the search feature).
