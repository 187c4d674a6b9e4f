import datetime

from django import template

register = template.Library()


@register.simple_tag(takes_context=True)
def without_filter(context, name, value):
    """The current query string without one selected facet value, and back on page one."""
    params = context["request"].GET.copy()
    params.setlist(name, [v for v in params.getlist(name) if v != str(value)])
    params.pop("page", None)
    return "?" + params.urlencode()


@register.simple_tag
def active_filters(outcome, fixed_type=None):
    """(facet, value) of every selected facet value, except a section's own type."""
    return [
        (name, value)
        for name, values in outcome.facets.items()
        if not (fixed_type and name == "type")
        for value in values
        if value["selected"]
    ]


@register.filter
def field_label(form, name):
    """The label of a search parameter (a facet), as the search form names it."""
    field = form.fields.get(name)
    return field.label if field else name


@register.filter
def iso_date(value):
    """A result's ISO date as a date, for Django's date filter."""
    return datetime.date.fromisoformat(value)
