from django.apps import AppConfig


class CoreConfig(AppConfig):
    name = "saleor_returns_app.core"
    label = "core"
