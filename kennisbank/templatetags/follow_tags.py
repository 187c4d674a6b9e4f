"""Follow buttons (small POST forms, no script) and what the digest's subject counts."""

from django import template
from django.http import QueryDict

from kennisbank.follows.searches import saved_search
from kennisbank.models import Follow
from kennisbank.models.taxonomy import VOCABULARIES

register = template.Library()
TERMS = {model._meta.model_name: model for model in VOCABULARIES.values()}


@register.inclusion_tag("follows/includes/follow_button.html", takes_context=True)
def follow_button(context, kind, target, label, compact=False):
    """ "Volgen" for a logged-in user (or "Ontvolgen" if they follow it already): `target` is
    a Knoop, a vocabulary term or a saved search's query string. `compact`: the button says
    only "Volg", the label is for screen readers (beside a term that names it already)."""
    request = context["request"]
    shown = {"show": request.user.is_authenticated, "label": label, "kind": kind}
    shown["compact"] = compact
    if not shown["show"]:
        return shown
    if kind == Follow.Kind.SEARCH:
        value, lookup = target, {"search": target}
    elif kind == Follow.Kind.KNOOP:
        value, lookup = target.pk, {"knoop": target}
    else:
        value, lookup = target.slug, {kind: target}
    existing = Follow.objects.filter(user=request.user, kind=kind, **lookup).first()
    return {**shown, "target": value, "existing": existing, "next": request.get_full_path()}


@register.inclusion_tag("follows/includes/search_follow.html", takes_context=True)
def search_follow(context, outcome):
    """On the search page: follow the one term that is its only filter ("Volg thema Zorg"),
    or else the search as a whole; and its feed. Nothing for an empty search."""
    search, _invalid = saved_search(context["request"].GET)
    if not search:
        return {}
    params = QueryDict(search)
    names, term = list(params), None
    if len(names) == 1 and names[0] in TERMS and len(params.getlist(names[0])) == 1:
        term = TERMS[names[0]].objects.filter(slug=params[names[0]]).first()
    if term is not None:
        kind, target, label = names[0], term, f"{term._meta.verbose_name} {term.name}"
    else:
        kind, target, label = Follow.Kind.SEARCH, search, "deze zoekopdracht"
    return {"request": context["request"], "search": search, "kind": kind, "target": target,
            "label": label}  # fmt: skip


@register.simple_tag
def total_items(sections):
    return sum(section.count for section in sections)
