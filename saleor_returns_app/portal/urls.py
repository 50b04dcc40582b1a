from django.urls import path

from saleor_returns_app.portal import views

urlpatterns = [
    path("<slug:slug>/", views.start, name="portal-start"),
    path("<slug:slug>/brand.css", views.brand_css, name="portal-brand-css"),
    path("<slug:slug>/order/<str:token>", views.order, name="portal-order"),
    path("<slug:slug>/confirm", views.confirm, name="portal-confirm"),
    path("<slug:slug>/return/<str:public_token>", views.return_status, name="portal-return"),
    path("<slug:slug>/points/<str:token>", views.points, name="portal-points"),
]
