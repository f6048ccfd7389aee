from django.urls import path

from deelwijzer.insight import views

urlpatterns = [
    path("audit/", views.audit_log, name="audit_log"),
    path("audit/export.csv", views.audit_export_csv, name="audit_export_csv"),
    path("audit/export.pdf", views.audit_export_pdf, name="audit_export_pdf"),
    path("statistieken/", views.statistics, name="statistics"),
    path("statistieken/export.csv", views.statistics_csv, name="statistics_csv"),
    path("statistieken/rapport.pdf", views.statistics_pdf, name="statistics_pdf"),
]
