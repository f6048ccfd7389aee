from django.urls import path

from deelwijzer.notifications import views

urlpatterns = [
    path("", views.notification_settings, name="notification_settings"),
]
