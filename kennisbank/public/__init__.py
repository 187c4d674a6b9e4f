"""The public site's presentation beyond templates: API v2, feeds, sitemap, similar items and
the glossary abbreviations in body text. Imports the models; the models import only the API
serializers from here."""
