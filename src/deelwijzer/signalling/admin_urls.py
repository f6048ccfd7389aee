"""The org admin's signal list; included at beheer/signalenlijst/ by the root urls."""

from django.urls import path

from deelwijzer.signalling import admin_views

urlpatterns = [
    path("", admin_views.signal_list_page, name="signal_list"),
    path("<uuid:item_id>/", admin_views.signal_list_item, name="signal_list_item"),
]
