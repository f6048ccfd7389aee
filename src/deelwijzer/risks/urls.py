"""Step 4 URLs; included under casussen/<uuid:case_id>/stap-4/ by the root urls."""

from django.urls import path

from deelwijzer.risks import views

urlpatterns = [
    path("", views.step4, name="step4"),
    path("risicos/", views.risk_add, name="risk_add"),
    path("risicos/<slug:key>/", views.risk_entry, name="risk_entry"),
]
