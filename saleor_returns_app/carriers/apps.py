from django.apps import AppConfig


class CarriersConfig(AppConfig):
    """Drivers only (no models): registered for its management command."""

    name = "saleor_returns_app.carriers"
    label = "carriers"
