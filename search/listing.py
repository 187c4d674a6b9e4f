"""One request's faceted search, for the search views and for any page that lists items
through it (a section page fixes the type)."""

from .engine import search
from .forms import SearchForm


def run_search(request, **fixed):
    """The form and the outcome (None when the parameters are invalid) of this request's search;
    `fixed` parameters replace the visitor's."""
    form = SearchForm(request.GET)
    if not form.is_valid():
        return form, None
    return form, search({**form.cleaned_data, **fixed}, request)
