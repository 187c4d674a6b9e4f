from django.urls import path

from . import login, sso

urlpatterns = [
    path("inloggen/", login.LoginView.as_view(), name="login"),
    path("uitloggen/", login.LogoutView.as_view(), name="logout"),
    path("inloggen/sso/terug/", sso.SSOCallback.as_view(), name="oidc_authentication_callback"),
    path("inloggen/sso/<slug:name>/", sso.SSOStart.as_view(), name="sso_login"),
    path("wachtwoord-vergeten/", login.password_reset, name="password_reset"),
    path("wachtwoord-vergeten/verstuurd/", login.password_reset_done, name="password_reset_done"),
    path(
        "wachtwoord-vergeten/<uidb64>/<token>/",
        login.password_reset_confirm,
        name="password_reset_confirm",
    ),
    path(
        "wachtwoord-vergeten/klaar/", login.password_reset_complete, name="password_reset_complete"
    ),
]
