"""Limits on stored text, one place for the admin's forms and the import."""

# Characters per text field (a body counts all its blocks together): a long report is a few
# hundred thousand; beyond this an item is neither readable nor quick to index and show.
MAX_TEXT_LENGTH = 1_000_000
# Levels of nested markup an imported text may have.
MAX_NESTING_DEPTH = 20
