import datetime

from django import template

from ..registry import setup

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
    """(facet, value, label) of every filter the URL gives, except a section's own type; also
    one without results or no longer known (then named by its value), so it can be removed."""
    labels = {
        (name, value["value"]): value["label"]
        for name, values in outcome.facets.items()
        for value in values
    }
    return [
        (name, value, labels.get((name, value), value))
        for name, values in outcome.selected.items()
        if not (fixed_type and name == "type")
        for value in values
    ]


@register.simple_tag
def shown_facets(outcome, fixed_type=None):
    """(facet, values) a searcher can choose from: those with values, without a section's own
    type, and a type's own facets (a Knoop's status) only while just that type is searched."""
    config = setup()
    types = outcome.selected.get("type", [])
    own = {choice_filter.param: choice_filter.model for choice_filter in config.filters}
    return [
        (name, values)
        for name, values in outcome.facets.items()
        if values
        and not (fixed_type and name == "type")
        and (
            name not in own
            or types
            and all(issubclass(config.types[slug], own[name]) for slug in types)
        )
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
