"""The kennisbank: one Django app (label ``kennisbank``) in sub-packages by concern.

- ``config/``: the project configuration (settings, urls, wsgi); imports anything, imported by none.
- ``models/``: the content model (items, vocabularies, glossary, accounts, Knoop timeline);
  imports the search library and nothing else of the kennisbank but its serializers/forms
  that Wagtail's API and admin read from the models.
- ``accounts/``: roles and what each may do, account forms.
- ``admin/``: admin customisation (dashboard panels, the Knoop form); hooks in ``wagtail_hooks``.
- ``public/``: the public site's presentation: API, feeds, sitemap, similar items, abbreviations.
- ``interchange/``: import and export (JSON Lines).
- ``documents/``: reading uploaded documents, in the background.
- ``searching``: what the kennisbank registers with the search library (``search/``).
Nothing in ``models/`` imports ``public/`` views, ``interchange/`` or ``config/``.
"""
