from django.apps import AppConfig
from wagtail.users import apps as wagtail_users


class KennisbankConfig(AppConfig):
    name = "kennisbank"
    verbose_name = "Kennisbank"

    def ready(self):
        from . import signals  # noqa: F401
        from .searching import register_search

        register_search()


class KennisbankUsersConfig(wagtail_users.WagtailUsersAppConfig):
    """Wagtail's users app, with the organisation on the account forms (in settings)."""

    default = False  # kennisbank's own config stays the app's default
    user_viewset = "kennisbank.accounts.viewsets.UserViewSet"
