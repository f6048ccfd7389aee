"""Step 5 URLs; included under casussen/<uuid:case_id>/stap-5/ by the root urls."""

from django.urls import path

from deelwijzer.decisions import views

urlpatterns = [
    path("", views.step5, name="step5"),
    path("besluit/", views.decision_save, name="decision_save"),
    path("controleren/", views.decision_check, name="decision_check"),
    path("aftekenen/", views.decision_sign_off, name="decision_sign_off"),
    path("terugsturen/", views.decision_return, name="decision_return"),
    path("beslisser-betrekken/", views.decision_involve, name="decision_involve"),
]
