"""The contacts directory (org admin) and the disclosure register (auditor); included at
beheer/contacten/ by the root urls."""

from django.urls import path

from deelwijzer.disclosures import admin_views

urlpatterns = [
    path("", admin_views.contact_list, name="contacts"),
    path("<uuid:contact_id>/", admin_views.contact_edit, name="contact_edit"),
    path("<uuid:contact_id>/actief/", admin_views.contact_active, name="contact_active"),
    path("register/", admin_views.disclosure_register, name="disclosure_register"),
]
