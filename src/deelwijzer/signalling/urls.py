"""Step 1 URLs; included under casussen/<uuid:case_id>/stap-1/ by the root urls."""

from django.urls import path

from deelwijzer.signalling import entry_views, views
from deelwijzer.ui.entries import entry_urls

urlpatterns = [
    path("", views.step1, name="step1"),
    *entry_urls(*entry_views.KINDS),
    path("geen-contrasignalen/", views.no_contra_signals, name="no_contra_signals"),
    path("taalhulp/", views.check_text, name="step1_check_text"),
]
