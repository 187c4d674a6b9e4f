"""Documents published on their own (not attached to any item) found by their text: few, so
matched here word by word rather than kept in the items' index."""

from .analysis import stem, words
from .highlight import highlight
from .registry import setup

MAX_DOCUMENTS = 5


def matching_documents(query, required, request):
    """[{title, url, type, highlight}] of the standalone documents this request may see whose
    text matches at least `required` of the query's groups, most groups first."""
    if not query:
        return []
    found = []
    for document, text in setup().documents(request):
        stems = {stem(word) for word in words(text)}
        matched = sum(
            any(
                all(stem(word) in stems for word in alternative)
                for alternative in group.alternatives
            )
            for group in query.groups
        )
        if matched >= required:
            found.append((matched, document, text))
    found.sort(key=lambda found: (-found[0], found[1].title))
    return [
        {
            "title": document.title,
            "url": document.url,
            "type": document.file_extension.upper(),
            "highlight": highlight(text, query),
        }
        for _matched, document, text in found[:MAX_DOCUMENTS]
    ]
