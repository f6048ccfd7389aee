"""Step 1 URLs; included under casussen/<uuid:case_id>/stap-1/ by the root urls."""

from django.urls import path

from deelwijzer.signalling import entry_views, views

urlpatterns = [
    path("", views.step1, name="step1"),
    path("signalen/", views.signal_add, name="signal_add"),
    path("signalen/<slug:key>/", entry_views.signal_entry, name="signal_entry"),
    path("meningen/", views.opinion_add, name="opinion_add"),
    path("meningen/<slug:key>/", entry_views.opinion_entry, name="opinion_entry"),
    path("meningen/<slug:key>/vervolg/", entry_views.opinion_follow_up, name="opinion_follow_up"),
    path("diagnoses/", views.diagnosis_add, name="diagnosis_add"),
    path("diagnoses/<slug:key>/", entry_views.diagnosis_entry, name="diagnosis_entry"),
    path("geen-contrasignalen/", views.no_contra_signals, name="no_contra_signals"),
    path("taalhulp/", views.check_text, name="step1_check_text"),
]
