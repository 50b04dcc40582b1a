from django.apps import AppConfig


class ShippingConfig(AppConfig):
    name = "saleor_returns_app.shipping"
    label = "shipping"
