"""Background work of the search library."""

from django_tasks import task

from .index import rebuild_engine
from .semantic import embed_pending


# On the "background" queue and its worker (see README): a rebuild takes a while.
@task(backend="background")
def rebuild_index_task():
    """Build the engine's index from the database: asked for when it is missing or unreadable."""
    rebuild_engine()


@task(backend="background")
def embed_task():
    """Make the sentence embeddings items wait for (search/semantic.py)."""
    embed_pending()
