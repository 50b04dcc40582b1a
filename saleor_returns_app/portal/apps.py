from django.apps import AppConfig


class PortalConfig(AppConfig):
    name = "saleor_returns_app.portal"
    label = "portal"
