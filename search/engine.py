"""The faceted search: match, filter, count facets, rank, page, highlight, suggest."""

import difflib
import math
from dataclasses import dataclass

from django.contrib.contenttypes.models import ContentType
from django.core.cache import cache
from django.db.models import CharField, Count, IntegerField, Max
from django.db.models.functions import Cast, Left

from kennisbank.models import (
    ITEM_TYPES,
    Begrip,
    BegrippenPage,
    Doelgroep,
    Gemeente,
    KennisItem,
    Organisatie,
    Thema,
)

from . import matches
from .analysis import words
from .backends import active_index
from .highlight import highlight
from .query import parse

# facet parameter -> (KennisItem relation, vocabulary model)
VOCABULARY_FACETS = {
    "thema": ("themes", Thema),
    "gemeente": ("gemeenten", Gemeente),
    "doelgroep": ("doelgroepen", Doelgroep),
    "organisatie": ("organisaties", Organisatie),
}
FACETS = ["type", *VOCABULARY_FACETS, "jaar"]
TYPE_LABELS = {
    slug: model._meta.verbose_name_plural.capitalize() for slug, model in ITEM_TYPES.items()
}


@dataclass
class Outcome:
    query: str
    count: int
    page: int
    per_page: int
    results: list
    facets: dict
    selected: dict
    suggestion: str | None
    backend: str
    num_pages: int = 1


def search(params, user):
    """Run a search with cleaned SearchForm data for this user."""
    query = parse(params["q"])
    index = active_index()
    items = KennisItem.objects.visible_to(user)
    if query:
        # When nothing this user may see has enough of the words, rank what has any of them.
        for required in dict.fromkeys([required_groups(len(query.groups)), 1]):
            index.fill(query, required)
            matched = matches.only_matching(items)
            if matched.exists():
                break
        items = matched

    selected = {name: params[name] for name in FACETS if params.get(name)}
    filtered = _filter(items, selected, params["status"])
    facets = {
        name: _facet_counts(
            name,
            _filter(items, {k: v for k, v in selected.items() if k != name}, params["status"]),
            selected.get(name, []),
        )
        for name in FACETS
    }

    per_page = params["per_page"]
    count = filtered.count()
    num_pages = max(1, math.ceil(count / per_page))
    page = min(params["page"], num_pages)
    start = (page - 1) * per_page
    if params["sort"] == "date" or not query:
        ordered = filtered.order_by("-date", "title")
    else:
        ordered = matches.ranked(filtered)
    ids = list(ordered.values_list("pk", flat=True)[start : start + per_page])

    return Outcome(
        query=params["q"],
        count=count,
        page=page,
        per_page=per_page,
        num_pages=num_pages,
        results=_results(ids, query),
        facets=facets,
        selected=selected,
        suggestion=suggest(query.text, user) if query and not count else None,
        backend=index.name,
    )


def required_groups(count):
    """How many of a query's groups an item must match: all of one or two words; of longer,
    natural-language queries three in four, so one unusual word does not hide the answer."""
    return count if count <= 2 else math.ceil(count * 0.75)


def _filter(items, selected, statuses):
    for name, values in selected.items():
        if name == "type":
            types = _item_content_types()
            items = items.filter(content_type__in=[types[value] for value in values])
        elif name == "jaar":
            items = items.filter(date__year__in=values)
        else:
            relation, model = VOCABULARY_FACETS[name]
            through = getattr(KennisItem, relation).through
            tagged = through.objects.filter(
                **{f"{model._meta.model_name}__slug__in": values}
            ).values("kennisitem_id")
            items = items.filter(pk__in=tagged)
    if statuses:
        items = items.filter(knoop__status__in=statuses)
    return items


def _facet_counts(name, items, selected_values):
    """[{value, label, count}] for one facet, zero counts left out unless selected."""
    if name == "type":
        types = {ct.pk: slug for slug, ct in _item_content_types().items()}
        rows = items.order_by().values("content_type").annotate(count=Count("pk"))
        values = [
            (types[r["content_type"]], TYPE_LABELS[types[r["content_type"]]], r["count"])
            for r in rows
        ]
        labels = TYPE_LABELS
    elif name == "jaar":
        # The year as the date's first four characters: SQLite would extract it in Python.
        year = Cast(Left(Cast("date", CharField()), 4), IntegerField())
        rows = items.order_by().annotate(jaar=year).values("jaar").annotate(count=Count("pk"))
        values = [(r["jaar"], str(r["jaar"]), r["count"]) for r in rows]
        labels = {value: str(value) for value in selected_values}
    else:
        relation, model = VOCABULARY_FACETS[name]
        through = getattr(KennisItem, relation).through
        key = model._meta.model_name
        rows = (
            through.objects.filter(kennisitem_id__in=items.values("pk"))
            .values(f"{key}__slug", f"{key}__name")
            .annotate(count=Count("kennisitem_id"))
        )
        values = [(r[f"{key}__slug"], r[f"{key}__name"], r["count"]) for r in rows]
        labels = dict(model.objects.filter(slug__in=selected_values).values_list("slug", "name"))
    counted = {value for value, _label, _count in values}
    values += [
        (v, labels.get(v, str(v)), 0) for v in selected_values if v in labels and v not in counted
    ]
    values.sort(key=lambda v: (-v[2], str(v[1]).casefold()) if name != "jaar" else -v[0])
    return [
        {"value": value, "label": label, "count": count, "selected": value in selected_values}
        for value, label, count in values
    ]


def _item_content_types():
    return {
        model.type_slug: ct
        for model, ct in ContentType.objects.get_for_models(*ITEM_TYPES.values()).items()
    }


def _results(ids, query):
    pages = (
        KennisItem.objects.filter(pk__in=ids)
        .specific()
        .prefetch_related("themes", "gemeenten", "doelgroepen", "organisaties", "tags")
    )
    by_id = {page.pk: page for page in pages}
    return [_result(by_id[pk], query) for pk in ids if pk in by_id]


def _result(item, query):
    excerpt, document = _excerpt(item, query)
    return {
        "type": item.type_slug,
        "slug": item.slug,
        "title": item.title,
        "url": item.url,
        "summary": item.summary,
        "highlight": excerpt,
        "document": document,
        "date": item.date.isoformat(),
        "themes": [theme.name for theme in item.themes.all()],
    }


def _excerpt(item, query):
    """(excerpt, None) from the item's own text; when only an attachment has the query's
    words, (excerpt, document title) from the first such attachment."""
    excerpt = highlight(item.readable_text(), query)
    if query and "<mark>" not in excerpt:
        for title, text in item.attachment_texts():
            from_document = highlight(text, query)
            if "<mark>" in from_document:
                return from_document, title
    return excerpt, None


# ---------------------------------------------------------------------------- suggestions


def lexicon(user):
    """Words a searcher may have meant: from the titles, summaries, glossary and vocabularies
    of what this user may see. Cached until anything is published or the glossary changes."""
    items = KennisItem.objects.visible_to(user)
    version = (
        items.aggregate(last=Max("last_published_at"), n=Count("pk")),
        Begrip.objects.aggregate(n=Count("pk"), last=Max("pk")),
    )
    key = f"search:lexicon:{user.is_authenticated}"
    cached = cache.get(key)
    if cached and cached[0] == version:
        return cached[1]
    texts = [text for row in items.values_list("title", "summary") for text in row]
    for begrip in Begrip.objects.all():
        texts += begrip.expressions
    for _relation, model in VOCABULARY_FACETS.values():
        texts += model.objects.values_list("name", flat=True)
    known = frozenset(word for text in texts for word in words(text) if len(word) > 2)
    cache.set(key, (version, known), None)
    return known


def suggest(text, user):
    """The query with each unknown word replaced by the closest known one, if any differ."""
    known = lexicon(user)
    changed, suggestion = False, []
    for word in words(text):
        if word in known or len(word) < 4:
            suggestion.append(word)
            continue
        candidates = [w for w in known if abs(len(w) - len(word)) <= 2]
        close = difflib.get_close_matches(word, candidates, n=1, cutoff=0.75)
        suggestion.append(close[0] if close else word)
        changed = changed or bool(close)
    return " ".join(suggestion) if changed else None


def autocomplete(prefix, user, limit=8):
    """Titles of visible items and glossary terms that start with what was typed."""
    prefix = prefix.strip()
    if not prefix:
        return []
    items = KennisItem.objects.visible_to(user).specific()
    titles = items.filter(title__istartswith=prefix) | items.filter(title__icontains=" " + prefix)
    suggestions = [
        {"label": item.title, "type": item.type_slug, "url": item.url}
        for item in titles.order_by("title")[:limit]
    ]
    begrippen = Begrip.objects.filter(term__istartswith=prefix) | Begrip.objects.filter(
        abbreviation__istartswith=prefix
    )
    glossary_page = BegrippenPage.objects.live().first()
    suggestions += [
        {"label": str(begrip), "type": "begrip", "url": glossary_page.url + "#" + begrip.slug}
        for begrip in begrippen.order_by("term")[:limit]
        if glossary_page
    ]
    return suggestions[:limit]
