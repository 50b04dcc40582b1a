from django.apps import AppConfig


class ReturnsConfig(AppConfig):
    name = "saleor_returns_app.returns"
    label = "returns"
