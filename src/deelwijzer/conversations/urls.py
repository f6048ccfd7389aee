from django.urls import path

from deelwijzer.conversations import views

urlpatterns = [
    path("", views.step3, name="step3"),
    path("gesprekken/", views.conversation_new, name="step3_conversation_new"),
    path(
        "gesprekken/<str:key>/corrigeren/",
        views.conversation_correct,
        name="step3_conversation_correct",
    ),
    path("overslaan/", views.skip, name="step3_skip"),
    path(
        "ouders-niet-betrokken/", views.guardians_not_involved, name="step3_guardians_not_involved"
    ),
    path(
        "zonder-toestemming/",
        views.guardians_without_consent,
        name="step3_guardians_without_consent",
    ),
    path(
        "verklaringen/<str:key>/intrekken/",
        views.statement_withdraw,
        name="step3_statement_withdraw",
    ),
]
