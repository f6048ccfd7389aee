"""Step 6 URLs; included under casussen/<uuid:case_id>/stap-6/ by the root urls."""

from django.urls import path

from deelwijzer.disclosures import views

urlpatterns = [
    path("", views.step6, name="step6"),
    path("delen/", views.disclosure_new, name="disclosure_new"),
    path("<slug:key>/pdf/", views.disclosure_pdf, name="disclosure_pdf"),
    path("<slug:key>/terugkoppeling/", views.disclosure_feedback, name="disclosure_feedback"),
    path("<slug:key>/bezorgen/", views.delivery_send, name="delivery_send"),
    path(
        "<slug:key>/bezorgen/<uuid:delivery_id>/intrekken/",
        views.delivery_withdraw,
        name="delivery_withdraw",
    ),
]
