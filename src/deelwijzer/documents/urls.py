"""The dossier; included under casussen/<uuid:case_id>/dossier/ by the root urls."""

from django.urls import path

from deelwijzer.documents import views

urlpatterns = [
    path("", views.dossier, name="dossier"),
    path("pdf/", views.dossier_pdf, name="dossier_pdf"),
    path("inzage.pdf", views.dossier_subject_access, name="dossier_subject_access"),
    path("casusbestand/", views.dossier_casefile, name="dossier_casefile"),
]
