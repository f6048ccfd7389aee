"""Transfers: the sending team's page under casussen/<uuid:case_id>/overdracht/ (``case_urls``),
the receiving organisation's under overdrachten/ (``urlpatterns``)."""

from django.urls import path

from deelwijzer.transfers import views

case_urls = [path("", views.transfer_new, name="transfer_new")]

urlpatterns = [
    path("", views.transfer_incoming, name="transfer_incoming"),
    path("register/", views.transfer_register, name="transfer_register"),
    path("<uuid:transfer_id>/", views.transfer_decide, name="transfer_decide"),
]
