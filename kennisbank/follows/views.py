"""Following on the site: follow and unfollow (POST, CSRF), "Mijn kennisbank" (what one
follows, how often the digest comes) and the signed unsubscribe that needs no login."""

from django import forms
from django.contrib.auth.decorators import login_required
from django.core import signing
from django.db import IntegrityError, transaction
from django.http import QueryDict
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_POST

from kennisbank.models import DigestSettings, Follow, Knoop, visible_pages
from kennisbank.models.taxonomy import VOCABULARIES
from kennisbank.privacy import Viewer

from .digest import follow_path
from .mails import read_token
from .searches import saved_search

TERMS = {model._meta.model_name: model for model in VOCABULARIES.values()}
NOT_FOUND = "Dit onderwerp bestaat niet (meer) of je mag het niet zien."
BAD_TOKEN = (
    "Deze afmeldlink is verlopen of klopt niet. Er is niets gewijzigd. Log in en kies op "
    "Mijn kennisbank wat je wilt ontvangen."
)


class FollowForm(forms.Form):
    kind = forms.ChoiceField(choices=Follow.Kind.choices, label="Soort")
    target = forms.CharField(max_length=1000, required=False, label="Onderwerp")

    def __init__(self, *args, viewer, **kwargs):
        super().__init__(*args, **kwargs)
        self.viewer = viewer

    def clean(self):
        """The follow's target, as the model holds it: a term, a visible Knoop, a search."""
        data = super().clean()
        kind, target = data.get("kind"), data.get("target", "")
        if kind is None:
            return data
        if kind == Follow.Kind.SEARCH:
            data["search"], invalid = saved_search(QueryDict(target))
            if invalid is not None:
                raise forms.ValidationError("Deze zoekopdracht klopt niet.")
        elif kind == Follow.Kind.KNOOP:
            knopen = (
                Knoop.objects.filter(pk=int(target)) if target.isdigit() else Knoop.objects.none()
            )
            data["knoop"] = visible_pages(knopen, self.viewer).first()
            if data["knoop"] is None:
                raise forms.ValidationError(NOT_FOUND)
        else:
            data[kind] = TERMS[kind].objects.filter(slug=target).first()
            if data[kind] is None:
                raise forms.ValidationError(NOT_FOUND)
        return data


class DigestForm(forms.ModelForm):
    class Meta:
        model = DigestSettings
        fields = ["frequency"]
        widgets = {"frequency": forms.RadioSelect}


def digest_settings(user):
    return DigestSettings.objects.get_or_create(user=user)[0]


def _back(request, fallback):
    """Where the visitor came from, if it is this site."""
    url = request.POST.get("next", "")
    if url_has_allowed_host_and_scheme(url, {request.get_host()}, request.is_secure()):
        return url
    return fallback


@login_required
@require_POST
def follow(request):
    form = FollowForm(request.POST, viewer=Viewer.of(request))
    if not form.is_valid():
        return TemplateResponse(request, "follows/refused.html", {"form": form}, status=400)
    data = form.cleaned_data
    target = {key: data[key] for key in ("search", "knoop", *TERMS) if data.get(key)}
    if data["kind"] == Follow.Kind.SEARCH:
        target.setdefault("search", "")
    with transaction.atomic():
        digest_settings(request.user)  # the digest comes from the first follow on
        try:
            with transaction.atomic():
                Follow.objects.create(user=request.user, kind=data["kind"], **target)
        except IntegrityError:
            pass  # followed already: a second click changes nothing
    return redirect(_back(request, "follows:mine"))


@login_required
@require_POST
def unfollow(request, follow_id):
    get_object_or_404(Follow, pk=follow_id, user=request.user).delete()
    return redirect(_back(request, "follows:mine"))


@login_required
def mine(request):
    settings_row = digest_settings(request.user)
    form = DigestForm(request.POST or None, instance=settings_row)
    if request.method == "POST":
        if form.is_valid():
            form.save()
            return redirect(reverse("follows:mine") + "?opgeslagen=1")
    follows = request.user.follows.select_related(
        "thema", "gemeente", "doelgroep", "organisatie", "knoop"
    )
    viewer = Viewer.of(request)
    visible_knopen = set(
        visible_pages(Knoop.objects.filter(followers__user=request.user), viewer).values_list(
            "pk", flat=True
        )
    )
    rows = [
        (item, follow_path(item))
        for item in follows
        if item.kind != Follow.Kind.KNOOP or item.knoop_id in visible_knopen
    ]
    context = {"follows": rows, "form": form, "saved": request.GET.get("opgeslagen")}
    status = 400 if form.errors else 200
    return TemplateResponse(request, "follows/mine.html", context, status=status)


@csrf_exempt  # the token is the credential; mail clients post RFC 8058's one-click without one
def unsubscribe(request, token):
    """GET shows what the link stops, with one button (a link scanner's GET changes nothing);
    POST, the button's or a mail client's one-click, stops it."""
    try:
        what = read_token(token)
        kind, pk = what.split(":")
        pk = int(pk)
    except (signing.BadSignature, ValueError):
        return TemplateResponse(
            request, "follows/unsubscribe.html", {"error": BAD_TOKEN}, status=400
        )
    if kind == "digest":
        subject = DigestSettings.objects.filter(user_id=pk).first()
    else:
        subject = Follow.objects.filter(pk=pk).first()
    context = {"kind": kind, "subject": subject, "done": False}
    if request.method == "POST" and subject is not None:
        if kind == "digest":
            subject.frequency = DigestSettings.Frequency.NEVER
            subject.save(update_fields=["frequency"])
        else:
            subject.delete()
        context["done"] = True
    return TemplateResponse(request, "follows/unsubscribe.html", context)
