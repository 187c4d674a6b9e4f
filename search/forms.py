"""The search parameters, shared by the search page and /api/zoeken/, validated once."""

from django import forms

from kennisbank.models import ITEM_TYPES, Knoop

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
    q = forms.CharField(required=False, max_length=300, strip=True, label="Zoekwoorden")
    type = ListField(
        forms.ChoiceField(choices=[(slug, slug) for slug in ITEM_TYPES]), label="Soort"
    )
    thema = ListField(forms.SlugField(max_length=120), label="Thema")
    gemeente = ListField(forms.SlugField(max_length=120), label="Gemeente")
    doelgroep = ListField(forms.SlugField(max_length=120), label="Doelgroep")
    organisatie = ListField(forms.SlugField(max_length=120), label="Organisatie")
    jaar = ListField(forms.IntegerField(min_value=1900, max_value=2200), label="Jaar")
    status = ListField(forms.ChoiceField(choices=Knoop.Status.choices), label="Status")
    sort = forms.ChoiceField(required=False, choices=SORTS, label="Sorteren")
    page = forms.IntegerField(required=False, min_value=1, max_value=100_000, label="Pagina")
    per_page = forms.IntegerField(required=False, min_value=1, label="Aantal per pagina")

    def clean_q(self):
        return self.cleaned_data["q"].replace("\x00", "")

    def clean_per_page(self):
        return min(self.cleaned_data["per_page"] or DEFAULT_PER_PAGE, MAX_PER_PAGE)

    def clean_page(self):
        return self.cleaned_data["page"] or 1

    def error_messages(self):
        """Dutch messages per parameter, for the 400 answer."""
        return {name: [str(e) for e in errors] for name, errors in self.errors.items()}
