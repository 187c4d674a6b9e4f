from django.urls import path

from . import views

urlpatterns = [
    path("", views.overview, name="twofactor_overview"),
    path("controle/", views.verify, name="twofactor_verify"),
    path("instellen/", views.setup, name="twofactor_setup"),
    path("herstelcodes/", views.regenerate_codes, name="twofactor_codes"),
]
