from django.urls import path

from deelwijzer.api import views

urlpatterns = [
    path("", views.api_tokens, name="api_tokens"),
    path("<uuid:token_id>/intrekken/", views.api_token_revoke, name="api_token_revoke"),
]
