from django.apps import AppConfig


class InstallationsConfig(AppConfig):
    name = "saleor_returns_app.installations"
    label = "installations"
