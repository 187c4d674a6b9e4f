"""The site's own login and logout (/inloggen/, /uitloggen/) and the password reset by e-mail:
Django's views with the site's look; the admin keeps its own login."""

from django import forms
from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth import views as auth_views
from django.contrib.auth.forms import AuthenticationForm
from django.shortcuts import render
from django.urls import reverse_lazy

from . import sso
from .throttles import ThrottledPasswordResetForm


class LoginForm(AuthenticationForm):
    """Django's form (it passes the request to authenticate, which django-axes needs)."""

    error_messages = {
        "invalid_login": "Deze combinatie van e-mailadres of gebruikersnaam en wachtwoord klopt "
        "niet. Let op hoofdletters.",
        "inactive": "Dit account is niet actief.",
    }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["username"].label = "E-mailadres of gebruikersnaam"
        self.fields["password"].label = "Wachtwoord"

    def clean(self):
        # An e-mail address stands for the one account that has it.
        email = self.cleaned_data.get("username", "")
        if "@" in email:
            accounts = get_user_model().objects.filter(email__iexact=email)[:2]
            if len(accounts) == 1:
                self.cleaned_data["username"] = accounts[0].get_username()
        return super().clean()


class LoginView(auth_views.LoginView):
    template_name = "accounts/login.html"
    form_class = LoginForm
    # Shown to a logged-in visitor too: a page for other groups sends them here, and a
    # redirect back would go round in circles.

    def get_context_data(self, **kwargs):
        return super().get_context_data(providers=sso.providers(), **kwargs)


class LogoutView(auth_views.LogoutView):
    """Back to the page the visitor was on; after a login through a provider, by way of the
    provider's logout, so that its session ends too."""

    def post(self, request, *args, **kwargs):
        provider_logout = sso.end_session_url(request, self.get_success_url())
        response = super().post(request, *args, **kwargs)
        if provider_logout:
            response["Location"] = provider_logout
        return response


def lockout(request, original_response=None, credentials=None):
    """django-axes' answer to a login that is locked out: in the admin's look under the admin,
    in the site's on the site's own login page."""
    admin = request.path_info.startswith(settings.ADMIN_PATH)
    template = settings.AXES_LOCKOUT_TEMPLATE if admin else "accounts/lockout.html"
    return render(request, template, status=429)


class ResetForm(ThrottledPasswordResetForm):
    email = forms.EmailField(label="E-mailadres", max_length=254)


password_reset = auth_views.PasswordResetView.as_view(
    template_name="accounts/password_reset_form.html",
    form_class=ResetForm,
    email_template_name="accounts/password_reset_email.txt",
    subject_template_name="accounts/password_reset_subject.txt",
    extra_email_context={"site_url": settings.SITE_URL},
    success_url=reverse_lazy("password_reset_done"),
)
password_reset_done = auth_views.PasswordResetDoneView.as_view(
    template_name="accounts/password_reset_done.html"
)
password_reset_confirm = auth_views.PasswordResetConfirmView.as_view(
    template_name="accounts/password_reset_confirm.html",
    success_url=reverse_lazy("password_reset_complete"),
)
password_reset_complete = auth_views.PasswordResetCompleteView.as_view(
    template_name="accounts/password_reset_complete.html"
)
