"""Admin customisation: dashboard panels and the Knoop page form. Wagtail finds the hooks in
``kennisbank.wagtail_hooks``, which registers what lives here."""
