"""The search parameters, shared by the search page and /api/zoeken/, validated once."""

from django import forms

from .registry import setup

MAX_PER_PAGE = 50
DEFAULT_PER_PAGE = 10
SORTS = [("relevance", "Relevantie"), ("date", "Nieuwste eerst")]


class ListField(forms.Field):
    """A parameter that may repeat (?thema=a&thema=b); each value is checked by `item_field`."""

    widget = forms.MultipleHiddenInput

    def __init__(self, item_field, **kwargs):
        super().__init__(required=False, **kwargs)
        self.item_field = item_field

    def clean(self, value):
        return list(dict.fromkeys(self.item_field.clean(item) for item in value or [] if item))


class SearchForm(forms.Form):
    """q, type, one parameter per registered vocabulary, jaar, the registered choice filters,
    gearchiveerd, sort, page and per_page."""

    q = forms.CharField(required=False, max_length=300, strip=True, label="Zoekwoorden")
    jaar = ListField(forms.IntegerField(min_value=1900, max_value=2200), label="Jaar")
    # The words as typed, without correcting typos ("zoek toch naar …").
    letterlijk = forms.TypedChoiceField(
        required=False,
        choices=[("1", "ja"), ("0", "nee")],
        coerce=lambda value: value == "1",
        empty_value=False,
        label="Letterlijk zoeken",
    )
    # Archived items too (the registration's archived_field); left out unless asked for.
    gearchiveerd = forms.TypedChoiceField(
        required=False,
        choices=[("1", "ja"), ("0", "nee")],
        coerce=lambda value: value == "1",
        empty_value=False,
        label="Ook gearchiveerd",
    )
    sort = forms.ChoiceField(required=False, choices=SORTS, label="Sorteren")
    page = forms.IntegerField(required=False, min_value=1, max_value=100_000, label="Pagina")
    per_page = forms.IntegerField(required=False, min_value=1, label="Aantal per pagina")

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        config = setup()
        self.fields["type"] = ListField(
            forms.ChoiceField(choices=[(slug, slug) for slug in config.types]), label="Soort"
        )
        for vocabulary in config.vocabularies:
            self.fields[vocabulary.param] = ListField(
                forms.SlugField(max_length=120), label=vocabulary.label
            )
        for choice_filter in config.filters:
            self.fields[choice_filter.param] = ListField(
                forms.ChoiceField(choices=choice_filter.choices), label=choice_filter.label
            )

    def clean_q(self):
        return self.cleaned_data["q"].replace("\x00", "")

    def clean_per_page(self):
        return min(self.cleaned_data["per_page"] or DEFAULT_PER_PAGE, MAX_PER_PAGE)

    def clean_page(self):
        return self.cleaned_data["page"] or 1

    def error_messages(self):
        """Dutch messages per parameter, for the 400 answer."""
        return {name: [str(e) for e in errors] for name, errors in self.errors.items()}
