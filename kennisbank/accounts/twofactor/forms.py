"""The code a user types: from the authenticator app, or one of the recovery codes."""

import math

from django import forms
from django.utils import timezone
from django_otp import devices_for_user
from django_otp.plugins.otp_totp.models import TOTPDevice

WRONG_CODE = "Deze code klopt niet. Controleer de code in je app en probeer het opnieuw."
TOO_MANY = "Te veel verkeerde codes. Probeer het over {wait} opnieuw."


def duration(seconds):
    """Dutch, rounded up: 1 seconde, 8 seconden, 2 minuten."""
    seconds = max(1, math.ceil(seconds))
    if seconds < 60:
        return f"{seconds} seconde" if seconds == 1 else f"{seconds} seconden"
    minutes = math.ceil(seconds / 60)
    return "1 minuut" if minutes == 1 else f"{minutes} minuten"


class CodeForm(forms.Form):
    code = forms.CharField(
        label="Code uit je app",
        max_length=16,
        widget=forms.TextInput(
            attrs={"autocomplete": "one-time-code", "inputmode": "numeric", "autofocus": True}
        ),
    )

    def __init__(self, devices, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.devices = devices
        self.device = None

    def clean_code(self):
        code = "".join(self.cleaned_data["code"].split()).lower()
        # Six digits are the app's, anything else a recovery code: a try counts on one of them.
        app_code = code.isdigit() and len(code) == 6
        devices = [d for d in self.devices if isinstance(d, TOTPDevice) == app_code]
        # django-otp throttles each device: after n wrong codes it waits 2^(n-1) seconds.
        for device in devices:
            allowed, details = device.verify_is_allowed()
            if not allowed:
                wait = (details["locked_until"] - timezone.now()).total_seconds()
                raise forms.ValidationError(TOO_MANY.format(wait=duration(wait)))
        self.device = next((d for d in devices if d.verify_token(code)), None)
        if self.device is None:
            raise forms.ValidationError(WRONG_CODE)
        return code


class VerifyForm(CodeForm):
    """The verify step: the app's code or a recovery code, on any of the user's devices."""

    code = forms.CharField(
        label="Code uit je app of een herstelcode",
        max_length=16,
        widget=forms.TextInput(attrs={"autocomplete": "one-time-code", "autofocus": True}),
    )

    def __init__(self, user, *args, **kwargs):
        super().__init__(list(devices_for_user(user, confirmed=True)), *args, **kwargs)
