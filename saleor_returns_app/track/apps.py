from django.apps import AppConfig


class TrackConfig(AppConfig):
    name = "saleor_returns_app.track"
    label = "track"
