"""The search engines behind search/engine.py (see base.py), and which one the settings name:
SEARCH_BACKEND "embedded" (the default: an index on local disk, SEARCH_INDEX_DIR),
"opensearch" or "elasticsearch" (at SEARCH_ENGINE_URL), or "database" (none: the database's
own index answers alone, as it does whenever the engine cannot)."""

from django.conf import settings

_engines = {}


def configured():
    """The engine the settings name, or None for the database alone."""
    kind = settings.SEARCH_BACKEND
    if kind == "database":
        return None
    if kind == "embedded":
        key = (kind, str(settings.SEARCH_INDEX_DIR))
    else:
        key = (kind, settings.SEARCH_ENGINE_URL, settings.SEARCH_INDEX_NAME)
    engine = _engines.get(key)
    if engine is None:
        if kind == "embedded":
            from .embedded import EmbeddedEngine

            engine = EmbeddedEngine(settings.SEARCH_INDEX_DIR)
        else:
            from .opensearch import OpenSearchEngine

            engine = OpenSearchEngine(kind, *key[1:], timeout=settings.SEARCH_ENGINE_TIMEOUT)
        _engines[key] = engine
    return engine
