"""The decision maker's queue; included at besluiten/ by the root urls."""

from django.urls import path

from deelwijzer.decisions import views

urlpatterns = [
    path("", views.decision_queue, name="decision_queue"),
]
