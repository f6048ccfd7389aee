"""Step 4 URLs; included under casussen/<uuid:case_id>/stap-4/ by the root urls."""

from django.urls import path

from deelwijzer.risks import views
from deelwijzer.ui.entries import entry_urls

urlpatterns = [
    path("", views.step4, name="step4"),
    *entry_urls(views.RISK),
]
