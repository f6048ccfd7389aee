"""The recipient's pages of a delivery; included under ontvangen/ by the root urls. The token
is 43 characters of URL-safe base64 (256 bits); anything else is no delivery's."""

from django.urls import path

from deelwijzer.disclosures import recipient_views as views

urlpatterns = [
    path("<str:token>/", views.delivery_page, name="delivery_page"),
    path("<str:token>/document.pdf", views.delivery_pdf, name="delivery_pdf"),
    path("<str:token>/bestand/<slug:key>/", views.delivery_file, name="delivery_file"),
    path("<str:token>/ontvangen/", views.delivery_confirm, name="delivery_confirm"),
    path("<str:token>/terugkoppeling/", views.delivery_feedback, name="delivery_feedback"),
]
