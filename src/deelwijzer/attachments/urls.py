"""Attachment URLs; included under casussen/<uuid:case_id>/bijlagen/ by the root urls."""

from django.urls import path

from deelwijzer.attachments import views

urlpatterns = [
    path("bij/<slug:entry_kind>/<slug:entry_key>/", views.attachment_add, name="attachment_add"),
    path("<slug:key>/download/", views.attachment_download, name="attachment_download"),
    path("<slug:key>/miniatuur/", views.attachment_thumbnail, name="attachment_thumbnail"),
    path("<slug:key>/intrekken/", views.attachment_withdraw, name="attachment_withdraw"),
]
