from django.apps import AppConfig


class WebhooksConfig(AppConfig):
    name = "saleor_returns_app.webhooks"
    label = "webhooks"
