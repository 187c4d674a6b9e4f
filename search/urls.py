from django.urls import path

from . import views

urlpatterns = [
    path("zoeken/", views.search_page, name="search"),
    path("zoeken/geopend/", views.result_opened, name="search_result_opened"),
    path("api/zoeken/", views.search_api, name="search_api"),
    path("api/zoeken/suggesties/", views.suggestions_api, name="search_suggestions"),
]
