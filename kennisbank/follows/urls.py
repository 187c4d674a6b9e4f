from django.urls import path

from . import views

app_name = "follows"
urlpatterns = [
    path("", views.mine, name="mine"),
    path("volgen/", views.follow, name="follow"),
    path("ontvolgen/<int:follow_id>/", views.unfollow, name="unfollow"),
    path("afmelden/<str:token>/", views.unsubscribe, name="unsubscribe"),
]
