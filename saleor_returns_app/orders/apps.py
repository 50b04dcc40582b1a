from django.apps import AppConfig


class OrdersConfig(AppConfig):
    name = "saleor_returns_app.orders"
    label = "orders"
