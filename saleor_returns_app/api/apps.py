from django.apps import AppConfig


class ApiConfig(AppConfig):
    name = "saleor_returns_app.api"
    label = "returns_api"
