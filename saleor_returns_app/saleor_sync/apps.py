from django.apps import AppConfig


class SaleorSyncConfig(AppConfig):
    name = "saleor_returns_app.saleor_sync"
    label = "saleor_sync"
