"""Two-factor authentication (django-otp): who needs a second factor, the authenticator app's
device and the recovery codes. The middleware holds an unverified session back; the views set a
device up and verify a code (docs/security.md)."""

from django.contrib.auth import get_user_model
from django.db.models import Q
from django_otp.plugins.otp_static.models import StaticDevice, StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice

from kennisbank.accounts.roles import REDACTIE
from kennisbank.accounts.sso import is_sso_session

RECOVERY_CODE_COUNT = 10


def has_app(user):
    """Whether the user has set up an authenticator app (a confirmed TOTP device)."""
    return TOTPDevice.objects.filter(user=user, confirmed=True).exists()


def must_use_twofactor(user):
    """Superusers and the Redactie must; anyone else once they have set it up. One query, as it
    is asked on every request of a logged-in session."""
    if user.is_superuser:
        return True
    return (
        get_user_model()
        .objects.filter(pk=user.pk)
        .filter(Q(groups__name=REDACTIE) | Q(totpdevice__confirmed=True))
        .exists()
    )


def needs_verification(request):
    """A logged-in session that still owes its second factor. Single sign-on sessions do not:
    the identity provider asks for its own."""
    user = request.user
    if not user.is_authenticated or user.is_verified():
        return False
    if is_sso_session(request):
        return False
    return must_use_twofactor(user)


def new_recovery_codes(user):
    """Replaces the user's recovery codes with RECOVERY_CODE_COUNT new ones, each usable once."""
    StaticDevice.objects.filter(user=user).delete()
    device = StaticDevice.objects.create(user=user, name="Herstelcodes")
    codes = [StaticToken.random_token() for _ in range(RECOVERY_CODE_COUNT)]
    StaticToken.objects.bulk_create(StaticToken(device=device, token=code) for code in codes)
    return codes


def remove_devices(user):
    """Every device of the user: the app and the recovery codes. How many were removed."""
    apps, _ = TOTPDevice.objects.filter(user=user).delete()
    codes, _ = StaticDevice.objects.filter(user=user).delete()
    return apps + codes
