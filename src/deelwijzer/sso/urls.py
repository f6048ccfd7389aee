from django.urls import path

from deelwijzer.sso import views

urlpatterns = [
    path("", views.sso_find, name="sso_find"),
    path("<uuid:provider_id>/", views.sso_start, name="sso_start"),
    path("terug/", views.sso_callback, name="sso_callback"),
    path("uitgelogd/", views.sso_backchannel_logout, name="sso_backchannel_logout"),
]
