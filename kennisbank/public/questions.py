""" "Vraag het de indiener": a logged-in user asks the organisation that contributed an item a
question, by e-mail to the organisation's mailbox (never a person's address), Reply-To the
asker. Logged for the Redactie (kennisbank.models.Question), at most ASK.limit a day."""

from django import forms
from django.conf import settings
from django.contrib.auth.decorators import login_required
from django.core.mail import EmailMessage
from django.http import Http404
from django.shortcuts import redirect
from django.template.loader import render_to_string
from django.template.response import TemplateResponse
from django.urls import path
from django.views.decorators.http import require_POST

from kennisbank.accounts.throttles import Throttle
from kennisbank.models import KennisItem, Question, organisation_of
from kennisbank.models.questions import MAX_LENGTH, clear_old_bodies
from kennisbank.privacy import Viewer

# Questions per user per day: enough to ask, too few to spam a mailbox.
ASK = Throttle("ask-contributor", limit=5, seconds=24 * 60 * 60)
TOO_MANY = (
    f"Je hebt vandaag al {ASK.limit} vragen gesteld. Stel je vraag morgen opnieuw, of neem "
    "contact op met de redactie."
)
NO_ADDRESS = (
    "Je account heeft geen e-mailadres, dus de indiener kan je niet antwoorden. "
    "Vraag de redactie je e-mailadres toe te voegen."
)
SENT = "verstuurd"  # ?vraag=verstuurd: the item page says the question went


class QuestionForm(forms.Form):
    body = forms.CharField(
        label="Je vraag",
        max_length=MAX_LENGTH,
        strip=True,
        widget=forms.Textarea(attrs={"rows": 4, "maxlength": MAX_LENGTH}),
        error_messages={
            "required": "Schrijf je vraag op.",
            "max_length": f"Je vraag is te lang: ten hoogste {MAX_LENGTH} tekens.",
        },
    )


def mailbox_of(item):
    """The organisation that contributed the item and has a mailbox for questions, or None."""
    organisation = item.author_organisation
    return organisation if organisation and organisation.mailbox else None


def ask_context(item, request, form=None):
    """What the item page shows: the form, or whom to ask instead; nothing for visitors."""
    if not request.user.is_authenticated:
        return None
    organisation = mailbox_of(item)
    return {
        "organisation": organisation,
        "form": (form or QuestionForm()) if organisation else None,
        "sent": request.GET.get("vraag") == SENT,
    }


def send_question(item, organisation, user, body):
    asker = user.get_full_name() or user.get_username()
    context = {
        "item": item,
        "asker": asker,
        "asker_organisation": organisation_of(user),
        "body": body,
        "url": item.full_url,
    }
    EmailMessage(
        subject=f"Vraag over “{item.title}” via de kennisbank",
        body=render_to_string("kennisbank/question_email.txt", context),
        from_email=settings.DEFAULT_FROM_EMAIL,
        to=[organisation.mailbox],
        reply_to=[f"{asker} <{user.email}>"],
    ).send()


@login_required
@require_POST
def ask(request, item_id):
    item = KennisItem.objects.filter(pk=item_id).visible_to(Viewer.of(request)).first()
    organisation = mailbox_of(item) if item else None
    if organisation is None:
        raise Http404
    item = item.specific
    form = QuestionForm(request.POST)
    status = 400
    if form.is_valid():
        if ASK.exceeded(request.user.pk):
            form.add_error(None, TOO_MANY)
            status = 429
        elif not request.user.email:
            form.add_error(None, NO_ADDRESS)
        else:
            body = form.cleaned_data["body"]
            send_question(item, organisation, request.user, body)
            ASK.count(request.user.pk)
            Question.objects.create(
                item=item, organisation=organisation, asked_by=request.user, body=body
            )
            clear_old_bodies()  # texts are kept 90 days: older ones go on each write
            return redirect(f"{item.url}?vraag={SENT}#vraag")
    context = {"page": item, "ask": ask_context(item, request, form)}
    return TemplateResponse(request, "kennisbank/question_form.html", context, status=status)


urlpatterns = [path("<int:item_id>/", ask, name="ask_contributor")]
