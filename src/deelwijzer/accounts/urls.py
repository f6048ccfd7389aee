from django.urls import path

from deelwijzer.accounts import views

urlpatterns = [
    path("", views.two_factor, name="two_factor"),
    path("instellen/", views.two_factor_enrol, name="two_factor_enrol"),
    path("herstelcodes/", views.recovery_codes_renew, name="recovery_codes_renew"),
]
