"""A followed search: the parameters of /zoeken/ that choose items, kept in one canonical
query string, so that the same search is followed once and its feed has one address."""

from django.http import QueryDict

from search.engine import facet_names
from search.forms import SearchForm

# What paging, ordering and typo correction change is how results are shown, not which.
IGNORED = ("sort", "page", "per_page", "letterlijk")


def saved_search(params):
    """(query string, None) for valid search parameters (a QueryDict), else (None, the form
    with its Dutch messages)."""
    form = SearchForm(params)
    if not form.is_valid():
        return None, form
    kept = QueryDict(mutable=True)
    if form.cleaned_data["q"]:
        kept["q"] = form.cleaned_data["q"]
    for name in facet_names():
        values = sorted(str(value) for value in form.cleaned_data.get(name) or [])
        if values:
            kept.setlist(name, values)
    return kept.urlencode(), None


def search_params(query_string):
    """The cleaned search parameters of a saved search (None if it no longer validates, e.g.
    a type that is gone)."""
    form = SearchForm(QueryDict(query_string))
    return form.cleaned_data if form.is_valid() else None
