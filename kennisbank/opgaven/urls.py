from django.urls import path

from . import api, views

urlpatterns = [
    path("api/opgaven/", api.opgaven_api, name="opgaven_api"),
    path("opgaven/", views.index, name="opgaven"),
    path("opgaven/alle.csv", views.all_csv, name="opgaven_csv"),
    path("opgaven/gemeente/<slug:slug>/", views.gemeente_page, name="opgaven_gemeente"),
    path("opgaven/gemeente/<slug:slug>.csv", views.gemeente_csv, name="opgaven_gemeente_csv"),
    path("opgaven/<slug:kind>/", views.kind_page, name="opgaven_soort"),
    path("opgaven/<slug:kind>.csv", views.kind_csv, name="opgaven_soort_csv"),
]
