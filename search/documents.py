"""Documents published on their own (not attached to any item) found by their text: few, so
matched here word by word rather than kept in the items' index."""

from wagtail.documents import get_document_model

from kennisbank.models import DocumentText, standalone_documents

from .analysis import stem, words
from .highlight import highlight

MAX_DOCUMENTS = 5


def matching_documents(query, required, viewer):
    """[{title, url, type, highlight}] of the standalone documents this viewer may see whose
    text matches at least `required` of the query's groups, most groups first."""
    documents = get_document_model().objects.all()
    # Most sites publish none: one cheap look before the full rule.
    if not query or not documents.exclude(collection__depth=1).exists():
        return []
    documents = standalone_documents(documents, viewer)
    texts = DocumentText.objects.filter(
        document__in=documents, status=DocumentText.Status.DONE
    ).select_related("document")
    found = []
    for text in texts:
        stems = {stem(word) for word in words(text.text)}
        matched = sum(
            any(
                all(stem(word) in stems for word in alternative)
                for alternative in group.alternatives
            )
            for group in query.groups
        )
        if matched >= required:
            found.append((matched, text))
    found.sort(key=lambda pair: (-pair[0], pair[1].document.title))
    return [
        {
            "title": text.document.title,
            "url": text.document.url,
            "type": text.document.file_extension.upper(),
            "highlight": highlight(text.text, query),
        }
        for _matched, text in found[:MAX_DOCUMENTS]
    ]
