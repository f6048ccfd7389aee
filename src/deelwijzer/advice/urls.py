"""Step 2 for the team, under /casussen/<case_id>/stap-2/."""

from django.urls import path

from deelwijzer.advice import views

urlpatterns = [
    path("", views.step2, name="step2"),
    path("nieuw/", views.compose, name="advice_compose"),
    path("<str:key>/controleren/", views.preview, name="advice_preview"),
    path("<str:key>/versturen/", views.send, name="advice_send"),
    path("<str:key>/antwoord/", views.record_answer, name="advice_record_answer"),
]
