"""The faceted search: match, filter, count facets, rank, page, highlight, suggest."""

import difflib
import hashlib
import logging
import math
import time
from dataclasses import dataclass, field, replace

from django.contrib.contenttypes.models import ContentType
from django.core.cache import cache
from django.db import connection
from django.db.models import Count, Max, prefetch_related_objects
from wagtail.contrib.search_promotions.models import SearchPromotion
from wagtail.models import Page
from wagtail.search.utils import normalise_query_string

from . import matches, semantic
from .analysis import alternatives, words
from .backends import database_index
from .documents import matching_documents
from .engines import configured
from .engines.base import Alternative, EngineUnavailable, Request
from .highlight import highlight
from .index import ARCHIVED, shown_of
from .matches import CANDIDATES
from .query import parse
from .registry import setup

LEXICON_GENERATION = "search:lexicon:generation"

logger = logging.getLogger(__name__)
REBUILD_SECONDS = 600  # a rebuild asked for is not asked again meanwhile
# A typed word this long that nothing holds is matched within one edit, from the longer
# length within two.
TYPO_MIN_LENGTH = 4
TYPO_TWO_EDITS_LENGTH = 8
MAX_GLOSSARY_CARDS = 3


def facet_names():
    """The facets in the order they are shown: type, each choice filter (a Knoop's status),
    each vocabulary, year."""
    config = setup()
    return [
        "type",
        *(f.param for f in config.filters),
        *(v.param for v in config.vocabularies),
        "jaar",
    ]


def _choice_filters():
    return {choice_filter.param: choice_filter for choice_filter in setup().filters}


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
    documents: list = field(default_factory=list)  # standalone documents (search/documents.py)
    num_pages: int = 1
    fallback: bool = False  # the engine could not answer: the database did
    # When the words typed found nothing and words close to them did: the query the results
    # are for ("statushouders" for "statushouedrs").
    corrected: str | None = None
    # Glossary entries the query names: [{term, abbreviation, definition, url}].
    begrippen: list = field(default_factory=list)
    # Items the Redactie pinned for this query, shown first: results with a "description".
    aanbevolen: list = field(default_factory=list)
    # Figures the query names, from the registry's `figures` (an opgave's current figure).
    cijfers: list = field(default_factory=list)


def visible_items(request, archived=False):
    """The items this request may see; the archived ones only when `archived`."""
    config = setup()
    items = config.visible(config.item_model.objects.all(), request)
    if config.archived_field and not archived:
        items = items.filter(**{f"{config.archived_field}__isnull": True})
    return items


def denied(request, archived=False):
    """The restriction keys the engine must leave out for this request: those it does not
    pass, and archived items unless asked for."""
    keys = tuple(setup().denied_keys(request))
    return keys if archived else (*keys, ARCHIVED)


def search(params, request):
    """Run a search with cleaned SearchForm data for this request's visitor: the engine finds,
    filters, counts and ranks; when it cannot, the database does."""
    query = parse(params["q"])
    selected = {name: params[name] for name in facet_names() if params.get(name)}
    engine = configured()
    found = None
    if engine is not None:
        try:
            found = _engine_search(engine, query, selected, params, request)
        except EngineUnavailable:
            logger.warning("%s cannot answer, searching the database", engine.name, exc_info=True)
            engine_failed(engine)
    if found is None:
        found = _database_search(query, selected, params, request)
        if engine is not None:
            found.backend += f" ({engine.name} onbereikbaar)"
            found.fallback = True
            # Whoever keeps answers must not keep this one: the engine will be back.
            request.search_fell_back = True
    count = found.count
    labels = _labels(selected)
    shown = list(_shown(found.ids, found.shown).values())
    corrected = _corrected_text(query, found.typos, shown)
    picks = editors_picks(query, request, params.get("gearchiveerd")) if found.page == 1 else []
    pinned = {pick["url"] for pick in picks}  # shown above, not again among the results
    results = [
        _result(data, parse(corrected) if corrected else query)
        for data in shown
        if data["url"] not in pinned
    ]
    return Outcome(
        query=params["q"],
        count=count,
        page=found.page,
        per_page=params["per_page"],
        num_pages=found.num_pages,
        results=results,
        facets={
            name: _facet(name, found.facets.get(name, []), selected.get(name, []), labels)
            for name in facet_names()
        },
        selected=selected,
        suggestion=suggest(query.text, request) if query and not count else None,
        backend=found.backend,
        fallback=found.fallback,
        corrected=corrected,
        begrippen=glossary_cards(query),
        aanbevolen=picks,
        documents=matching_documents(query, required_groups(query), request),
        cijfers=setup().figures(query, request) if query else [],
    )


def found_ids(params, request, only=None, limit=50):
    """The ids of the newest items (at most `limit`) that a search with cleaned SearchForm data
    finds for this visitor, without facets, excerpts or corrections; with `only`, among those
    ids. What a saved search brings: its feed, and what is new for it since a date."""
    if only is not None and not only:
        return []
    query = parse(params["q"])
    selected = {name: params[name] for name in facet_names() if params.get(name)}
    params = {**params, "sort": "date", "page": 1, "per_page": limit}
    engine = configured()
    if engine is not None:
        wanted = engine_request(
            query, selected, params, denied(request, params.get("gearchiveerd"))
        )
        wanted = replace(wanted, facets=(), only=tuple(only or ()), required=required_groups(query))
        try:
            return engine.search(wanted).ids
        except EngineUnavailable:
            logger.warning("%s cannot answer, searching the database", engine.name, exc_info=True)
            engine_failed(engine)
    return _database_search(query, selected, params, request, only=only or ()).ids


@dataclass
class Found:
    """One page of a search, before the database loads its items."""

    ids: list
    count: int
    facets: dict  # facet -> [(value, label, count)]
    page: int
    num_pages: int
    backend: str
    fallback: bool = False
    typos: tuple = ()  # words matched within a few edits, as nothing had them
    shown: dict = field(default_factory=dict)  # id -> what its result shows, from the engine


def _pages(count, params):
    num_pages = max(1, math.ceil(count / params["per_page"]))
    return min(params["page"], num_pages), num_pages


def engine_request(query, selected, params, denied):
    """What the engine is asked for a search with cleaned SearchForm data."""
    filters = {name: [str(value) for value in values] for name, values in selected.items()}
    per_page = params["per_page"]
    return Request(
        groups=[alternatives(group.alternatives, group.exact) for group in query.groups],
        near=query.pairs,
        filters=filters,
        denied=tuple(denied),
        facets=tuple(facet_names()),
        sort="date" if params["sort"] == "date" or not query else "relevance",
        offset=(params["page"] - 1) * per_page,
        limit=per_page,
    )


def _engine_search(engine, query, selected, params, request):
    wanted = engine_request(query, selected, params, denied(request, params.get("gearchiveerd")))
    wanted = replace(wanted, shown=True)  # the page's results from the engine alone
    per_page = params["per_page"]
    required, typos = required_groups(query), ()
    result = engine.search(replace(wanted, required=required))
    if not result.total and query and not params.get("letterlijk"):
        # Words nothing this visitor may see holds may be typos: within a few edits instead.
        corrected, typos = _typos_corrected(engine, query, wanted)
        if typos:
            result = engine.search(replace(corrected, required=required))
            if result.total:
                wanted = corrected
            else:
                typos = ()
    if not result.total and required > 1:
        # When nothing has enough of the words, rank what has any of them.
        required = 1
        result = engine.search(replace(wanted, required=required))
    wanted = replace(wanted, required=required)
    if query and wanted.sort == "relevance" and semantic.enabled():
        # The meaning of the words the results are for: a typo means nothing to the model.
        meant = _corrected_text(query, typos, [data for data in result.shown if data])
        wanted, result = _with_neighbours(engine, meant or query.text, wanted, result)
    page, num_pages = _pages(result.total, params)
    if page != params["page"]:  # beyond the last page: the last page
        result = _ranked(engine, replace(wanted, offset=(page - 1) * per_page))
    return Found(
        ids=result.ids,
        count=result.total,
        facets=_labelled(result.facets),
        page=page,
        num_pages=num_pages,
        backend=engine.name,
        typos=typos,
        shown=dict(zip(result.ids, result.shown, strict=False)),
    )


def _with_neighbours(engine, text, wanted, result):
    """The request with the semantic neighbours of the query's `text` that this visitor may
    see and the filters allow joining its matches, and its first page ranked by both (or,
    without such neighbours, the request and its `result` as they are)."""
    candidates = semantic.neighbours(text)
    if candidates:
        allowed = replace(
            wanted,
            groups=[],
            only=tuple(candidates),
            facets=(),
            offset=0,
            limit=len(candidates),
            shown=False,
        )
        visible = set(engine.search(allowed).ids)
        also = [pk for pk in candidates if pk in visible][: semantic.NEIGHBOURS]
        if also:
            wanted = replace(wanted, also=tuple(also))
            return wanted, _ranked(engine, wanted)
    return wanted, result


def _ranked(engine, wanted):
    """A page of the engine's answer; with semantic neighbours, its first results in the
    reciprocal-rank fusion of the words' ranking and the neighbours'."""
    end = wanted.offset + wanted.limit
    if not wanted.also or end > semantic.FUSION_DEPTH:
        return engine.search(wanted)
    result = engine.search(replace(wanted, offset=0, limit=semantic.FUSION_DEPTH))
    by_words = [pk for pk, score in zip(result.ids, result.scores, strict=True) if score > 0]
    ranked = semantic.fuse(by_words, list(wanted.also))[wanted.offset : end]
    shown = dict(zip(result.ids, result.shown, strict=False))
    return replace(
        result, ids=ranked, scores=[], shown=[shown.get(pk) for pk in ranked] if shown else []
    )


def _typos_corrected(engine, query, wanted):
    """The request with each typed word that no item this visitor may see holds matched
    within one edit (two for longer words) of the items' words instead, and those words."""
    groups, typos = [], []
    for group, engine_group in zip(query.groups, wanted.groups, strict=True):
        typed = group.alternatives[0][0] if not group.exact else ""
        probe = replace(wanted, groups=[engine_group], filters={}, facets=(), limit=0)
        if len(typed) >= TYPO_MIN_LENGTH and not engine.search(probe).total:
            distance = 1 if len(typed) < TYPO_TWO_EDITS_LENGTH else 2
            groups.append((Alternative((typed,), fuzzy=distance),))
            typos.append(typed)
        else:
            groups.append(engine_group)
    return replace(wanted, groups=groups), tuple(typos)


def editors_picks(query, request, archived=False):
    """The items the Redactie pinned for this query (Wagtail's search promotions) that this
    visitor may see, in the Redactie's order, as results with the promotion's description."""
    if not query:
        return []
    promotions = SearchPromotion.objects.filter(
        query__query_string=normalise_query_string(query.text), page__isnull=False
    ).order_by("sort_order", "pk")
    descriptions = dict(promotions.values_list("page_id", "description"))
    if not descriptions:  # most queries: spare building the visibility query
        return []
    visible = set(
        visible_items(request, archived).filter(pk__in=descriptions).values_list("pk", flat=True)
    )
    shown = _shown([pk for pk in descriptions if pk in visible])
    return [{**_result(data, query), "description": descriptions[pk]} for pk, data in shown.items()]


def glossary_cards(query):
    """The glossary entries one of whose expressions the query names, as cards."""
    model = setup().glossary_model
    if model is None or not query:
        return []
    asked = {way for group in query.groups for way in group.alternatives}
    return [
        {
            "term": entry.term,
            "abbreviation": entry.abbreviation,
            "definition": entry.definition,
            "url": setup().glossary_url(entry),
        }
        for entry in model.objects.all()
        if any(tuple(words(expression)) in asked for expression in entry.expressions)
    ][:MAX_GLOSSARY_CARDS]


def _corrected_text(query, typos, results):
    """The query with each typo replaced by the closest word of the results shown."""
    if not typos or not results:
        return None
    shown = {w for data in results for w in words(f"{data['title']} {data['text']}")}
    corrected = []
    for word in words(query.text):
        close = difflib.get_close_matches(word, shown, n=1, cutoff=0.7) if word in typos else []
        corrected.append(close[0] if close else word)
    return " ".join(corrected)


def _labels(wanted):
    """{facet: {value: label}} of the values of each facet in `wanted` ({facet: values}), from
    the registration, the vocabularies' all in one query (a value no longer in the database
    has none)."""
    labels, selects, params = {}, [], []
    quote = connection.ops.quote_name
    for name, values in wanted.items():
        labels[name] = {}
        if not values:
            continue
        if name == "type":
            labels[name] = setup().type_labels
        elif name == "jaar":
            labels[name] = {value: str(value) for value in values}
        elif name in _choice_filters():
            labels[name] = dict(_choice_filters()[name].choices)
        else:
            meta = setup().vocabulary(name).model._meta
            slug, label = (quote(meta.get_field(f).column) for f in ("slug", "name"))
            selects.append(
                f"SELECT %s, {slug}, {label} FROM {quote(meta.db_table)} "
                f"WHERE {slug} IN ({', '.join(['%s'] * len(values))})"
            )
            params += [name, *values]
    if selects:
        for name, value, label in matches.rows(" UNION ALL ".join(selects), params):
            labels[name][value] = label
    return labels


def _labelled(counts):
    """The engine's {facet: {value: count}} as [(value, label, count)] (a value without a
    label is left out)."""
    labelled = {}
    all_labels = _labels(counts)
    for name, values in counts.items():
        labels = all_labels[name]
        labelled[name] = [
            (int(value) if name == "jaar" else value, labels[value], count)
            for value, count in values.items()
            if value in labels
        ]
    return labelled


def engine_failed(engine):
    """A missing or unreadable embedded index is rebuilt in the background, once at a time."""
    if engine.name == "embedded" and cache.add("search:rebuilding", True, REBUILD_SECONDS):
        from .tasks import rebuild_index_task

        rebuild_index_task.enqueue()


def _database_search(query, selected, params, request, only=()):
    index = database_index()
    items = visible_items(request, params.get("gearchiveerd"))
    if only:
        items = items.filter(pk__in=only)
    if query:
        # When nothing this viewer may see has enough of the words, rank what has any of them.
        for required in dict.fromkeys([required_groups(query), 1]):
            index.fill(query, required)
            if matches.select(items, matched=True):
                break
    else:
        matches.select(items, matched=False)
    conditions = _conditions(selected)
    facets, count = _facets(selected, conditions)
    page, num_pages = _pages(count, params)
    per_page = params["per_page"]
    by_date = params["sort"] == "date" or not query
    ids = _page(conditions.values(), by_date, per_page, (page - 1) * per_page)
    return Found(ids, count, facets, page, num_pages, backend=index.name)


def required_groups(query):
    """How many of a query's groups an item must match: all of one or two words; of
    longer, natural-language queries all but one, so one filler or unusual word does not hide the
    answer (items with more of the words still rank first). Common words ("staan", "lang",
    "twee") are left out of that count: the rule holds for the query's other words, so
    "waarom staan woningen lang leeg tussen twee huurders" needs two of woningen, leeg and
    huurders. Measured on the evaluation set (docs/search-quality.md): nDCG@10 0.769 with three
    in four, 0.800 with all but one; the common words left out, question 0.882 -> 0.909."""
    count = len(query.groups)
    # A query of common words only is asked as it is.
    content = sum(not group.common for group in query.groups) or count
    return min(_all_but_one(count), _all_but_one(content))


def _all_but_one(count):
    return count if count <= 2 else count - 1


def _through(vocabulary):
    return getattr(vocabulary.holder or setup().item_model, vocabulary.relation).through


def _conditions(selected):
    """facet → (SQL condition on the candidates `c`, params)."""
    conditions = {}
    choice_filters = _choice_filters()
    for name, values in selected.items():
        if name == "type":
            types = _item_content_types()
            ids = [types[value].pk for value in values]
            conditions[name] = (f"c.content_type_id IN ({', '.join(['%s'] * len(ids))})", ids)
        elif name == "jaar":
            conditions[name] = (f"c.year IN ({', '.join(['%s'] * len(values))})", list(values))
        elif name in choice_filters:
            choice_filter = choice_filters[name]
            chosen = choice_filter.model.objects.filter(**{f"{choice_filter.field}__in": values})
            conditions[name] = matches.among(chosen.values("pk"))
        else:
            vocabulary = setup().vocabulary(name)
            through = _through(vocabulary)
            item, term = _through_columns(vocabulary)
            tagged = through.objects.filter(**{f"{term.name}__slug__in": values})
            conditions[name] = matches.among(tagged.values(item.attname))
    return conditions


def _through_columns(vocabulary):
    """The (item, term) foreign keys of a vocabulary's link table."""
    through = _through(vocabulary)
    return (
        next(
            f
            for f in through._meta.concrete_fields
            if f.is_relation and issubclass(f.related_model, setup().item_model)
        ),
        next(f for f in through._meta.concrete_fields if f.related_model is vocabulary.model),
    )


def _where(conditions):
    conditions = list(conditions)
    sql = " AND ".join(condition for condition, _params in conditions) or "1 = 1"
    return sql, [param for _condition, params in conditions for param in params]


def _facets(selected, conditions):
    """Every facet's [(value, label, count)], counted in one statement, and the number of
    results. A facet's counts ignore its own selection, so that a searcher can widen it."""
    quote = connection.ops.quote_name
    selects, params = [], []
    vocabularies = {v.param: v for v in setup().vocabularies}
    choice_filters = _choice_filters()
    for name in facet_names():
        where, where_params = _where(c for n, c in conditions.items() if n != name)
        if name in vocabularies:
            model = vocabularies[name].model
            through = _through(vocabularies[name])
            item, term = (f.column for f in _through_columns(vocabularies[name]))
            # Counted per term id (the through table's index on it groups them), named after.
            selects.append(
                f"SELECT %s, NULL, v.slug, v.name, x.n FROM (SELECT t.{quote(term)} AS id, "
                f"COUNT(*) AS n FROM {quote(through._meta.db_table)} t WHERE t.{quote(item)} IN "
                f"(SELECT c.page_id FROM {CANDIDATES} c WHERE {where}) GROUP BY t.{quote(term)}) "
                f"x JOIN {quote(model._meta.db_table)} v ON v.id = x.id"
            )
        elif name in choice_filters:
            model = choice_filters[name].model
            column = quote(model._meta.get_field(choice_filters[name].field).column)
            selects.append(
                f"SELECT %s, NULL, k.{column}, NULL, COUNT(*) FROM {CANDIDATES} c "
                f"JOIN {quote(model._meta.db_table)} k ON k.{quote(model._meta.pk.column)} = "
                f"c.page_id WHERE {where} GROUP BY k.{column}"
            )
        else:
            column = "c.content_type_id" if name == "type" else "c.year"
            selects.append(
                f"SELECT %s, {column}, NULL, NULL, COUNT(*) FROM {CANDIDATES} c "
                f"WHERE {where} GROUP BY {column}"
            )
        params += [name, *where_params]
    found = {name: [] for name in facet_names()}
    for name, number, slug, label, count in matches.rows(" UNION ALL ".join(selects), params):
        found[name].append((number, slug, label, count))

    types = {ct.pk: slug for slug, ct in _item_content_types().items()}
    labels = setup().type_labels
    counted = {
        "type": [(types[number], labels[types[number]], n) for number, _s, _l, n in found["type"]],
        "jaar": [(number, str(number), n) for number, _s, _l, n in found["jaar"]],
    }
    for name in vocabularies:
        counted[name] = [(slug, label, n) for _number, slug, label, n in found[name]]
    for name, choice_filter in choice_filters.items():
        labels = dict(choice_filter.choices)
        counted[name] = [
            (value, labels[value], n) for _n, value, _l, n in found[name] if value in labels
        ]
    # Every item has one type: the results are the type counts of the selected types (or all).
    count = sum(n for slug, _l, n in counted["type"] if slug in selected.get("type", [slug]))
    return counted, count


def _facet(name, values, selected_values, selected_labels):
    """[{value, label, count, selected}] for one facet, zero counts left out unless selected
    (`selected_labels`: {facet: {value: label}} of the selected values)."""
    labels = selected_labels.get(name, {})
    counted = {value for value, _label, _count in values}
    values += [
        (v, labels.get(v, str(v)), 0) for v in selected_values if v in labels and v not in counted
    ]
    if name == "jaar":
        values.sort(key=lambda v: -v[0])
    elif name in _choice_filters():  # a scale or a workflow: in its own order
        order = [value for value, _label in _choice_filters()[name].choices]
        values.sort(key=lambda v: order.index(v[0]))
    else:
        values.sort(key=lambda v: (-v[2], str(v[1]).casefold()))
    return [
        {"value": value, "label": label, "count": count, "selected": value in selected_values}
        for value, label, count in values
    ]


def _page(conditions, by_date, limit, offset):
    """The ids of one page of results: newest first, or the best matches first (more of the
    query's groups, then the better score, then the newer)."""
    where, params = _where(conditions)
    if by_date:
        order = "c.date DESC, p.title, c.page_id"
        source = f"{CANDIDATES} c JOIN {Page._meta.db_table} p ON p.id = c.page_id"
    else:
        order = "c.hits DESC, c.score DESC, c.date DESC, c.page_id"
        source = f"{CANDIDATES} c"
    sql = f"SELECT c.page_id FROM {source} WHERE {where} ORDER BY {order} LIMIT %s OFFSET %s"
    return [page_id for (page_id,) in matches.rows(sql, [*params, limit, offset])]


def _item_content_types():
    return {
        model.type_slug: ct
        for model, ct in ContentType.objects.get_for_models(*setup().types.values()).items()
    }


def _items(ids):
    """The specific items of these ids, in their order, with what their results show."""
    pages = list(setup().item_model.objects.filter(pk__in=ids).specific())
    # Once for all types (a prefetch on the query above would run once per type), and the
    # names a type's own text shows (a knoop's owner…): a query per field, not per item.
    prefetch_related_objects(pages, "themes", "attachments")
    for model in {type(page) for page in pages}:
        terms = {v.model for v in setup().vocabularies}
        names = [
            field.name
            for field in model._meta.concrete_fields
            if field.many_to_one and field.related_model in terms
        ]
        prefetch_related_objects([page for page in pages if type(page) is model], *names)
    for vocabulary in setup().vocabularies:
        if vocabulary.holder is not None:
            holders = [page for page in pages if isinstance(page, vocabulary.holder)]
            prefetch_related_objects(holders, vocabulary.relation)
    by_id = {page.pk: page for page in pages}
    return [by_id[pk] for pk in ids if pk in by_id]


def _shown(ids, stored=None):
    """{id: what its result shows} of these ids, in their order: as the engine gave it with its
    hits, the rest (the database's answer, a document stored without it) from the database."""
    stored = {pk: data for pk, data in (stored or {}).items() if data is not None}
    missing = [pk for pk in ids if pk not in stored]
    if missing:
        stored |= {item.pk: shown_of(item) for item in _items(missing)}
    return {pk: stored[pk] for pk in ids if pk in stored}


def _result(shown, query):
    excerpt, document = _excerpt(shown, query)
    return {
        "type": shown["type"],
        "slug": shown["slug"],
        "title": shown["title"],
        "url": shown["url"],
        "summary": shown["summary"],
        "visibility": shown["visibility"],
        "highlight": excerpt,
        "document": document,
        "date": shown["date"],
        "themes": shown["themes"],
        **shown["fields"],
    }


def _excerpt(shown, query):
    """(excerpt, None) from the item's own text; when only an attachment has the query's
    words, (excerpt, document title) from the first such attachment."""
    excerpt = highlight(shown["text"], query)
    if query and "<mark>" not in excerpt:
        for title, text in shown["attachments"]:
            from_document = highlight(text, query)
            if "<mark>" in from_document:
                return from_document, title
    return excerpt, None


# ---------------------------------------------------------------------------- suggestions


def lexicon(request):
    """Words a searcher may have meant: from the titles, summaries, glossary and vocabularies
    of what this visitor may see. Cached per audience (the registration's: who sees the same
    items) until anything is published or the glossary changes (search/signals.py)."""
    config = setup()
    items = visible_items(request)
    version = items.aggregate(last=Max("last_published_at"), n=Count("pk"))
    audience = hashlib.sha256(repr(config.audience(request)).encode()).hexdigest()[:16]
    key = f"search:lexicon:{cache.get_or_set(LEXICON_GENERATION, 0, None)}:{audience}"
    cached = cache.get(key)
    if cached and cached[0] == version:
        return cached[1]
    texts = [text for row in items.values_list("title", "summary") for text in row]
    model = config.glossary_model
    for entry in model.objects.all() if model else []:
        texts += entry.expressions
    for vocabulary in config.vocabularies:
        texts += vocabulary.model.objects.values_list("name", flat=True)
    known = frozenset(word for text in texts for word in words(text) if len(word) > 2)
    cache.set(key, (version, known), None)
    return known


def forget_lexicons():
    """Every audience's lexicon at once: they are keyed by a generation that moves on."""
    cache.set(LEXICON_GENERATION, time.time_ns(), None)


def suggest(text, request):
    """The query with each unknown word replaced by the closest known one, if any differ."""
    known = lexicon(request)
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


def autocomplete(prefix, request, limit=8):
    """Titles of visible items with a word starting with what was typed, and glossary terms
    that start with it."""
    prefix = prefix.strip()
    if not prefix:
        return []
    items = _suggested_items(prefix, request, limit)
    suggestions = [
        {"label": item.title, "type": item.type_slug, "url": item.get_url(request)}
        for item in sorted(items, key=lambda item: item.title)
    ]
    model = setup().glossary_model
    if model is not None:
        entries = model.objects.filter(term__istartswith=prefix) | model.objects.filter(
            abbreviation__istartswith=prefix
        )
        for entry in entries.order_by("term")[:limit]:
            if url := setup().glossary_url(entry):
                suggestions.append({"label": str(entry), "type": "begrip", "url": url})
    return suggestions[:limit]


def _suggested_items(prefix, request, limit):
    """From the engine (a prefix query on the titles' words, the newest first), or while it
    cannot answer from the database (titles in order)."""
    engine = configured()
    if engine is not None:
        typed = words(prefix)
        if not typed:
            return []
        try:
            found = engine.suggest(typed, Request(denied=denied(request), limit=limit)).ids
        except EngineUnavailable:
            engine_failed(engine)
        else:
            return setup().item_model.objects.filter(pk__in=found).specific(defer=True)
    items = visible_items(request).specific(defer=True)
    titles = items.filter(title__istartswith=prefix) | items.filter(title__icontains=" " + prefix)
    return titles.order_by("title")[:limit]


def similar(shared, request, exclude=(), limit=5):
    """Ids of at most `limit` items this visitor may see that share the most of `shared`
    ({keyword: values}, say an item's themes and tags), newest first among equals, from the
    engine; None when there is none or it cannot answer (the caller asks the database)."""
    engine = configured()
    if engine is None:
        return None
    wanted = Request(
        shared={name: list(values) for name, values in shared.items() if values},
        denied=denied(request),
        exclude=tuple(exclude),
        limit=limit,
    )
    if not wanted.shared:
        return []
    try:
        return engine.search(wanted).ids
    except EngineUnavailable:
        engine_failed(engine)
        return None
