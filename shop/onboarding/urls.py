"""Public onboarding URLs: the unsubscribe link."""

from django.urls import path

from shop.onboarding import views

app_name = "onboarding"

urlpatterns = [
    path("unsubscribe/<str:token>/", views.unsubscribe, name="unsubscribe"),
]
