"""The attention officer's inbox, under /adviesvragen/ (no case URL: this is their only door)."""

from django.urls import path

from deelwijzer.advice import inbox_views

urlpatterns = [
    path("", inbox_views.inbox, name="inbox"),
    path("<uuid:case_id>/<str:key>/", inbox_views.inbox_answer, name="inbox_answer"),
]
