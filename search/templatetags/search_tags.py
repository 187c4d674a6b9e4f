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


@register.filter
def iso_date(value):
    """A result's ISO date as a date, for Django's date filter."""
    return datetime.date.fromisoformat(value)
