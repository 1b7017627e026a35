from django.urls import path

from bmnn.registry import catalogue_views, protection_views, views

app_name = "registry"
urlpatterns = [
    path("", views.item_list, name="item_list"),
    path("incoming/", views.register_incoming, name="incoming"),
    path("propose/", views.propose, name="propose"),
    path("transfers/", views.transfers, name="transfers"),
    path("books/", views.book_list, name="books"),
    path("statistics/", views.statistics_view, name="statistics"),
    path("expiring/", views.expiring, name="expiring"),
    path("approvals/", views.approvals, name="approvals"),
    path("recalls/", views.recalls, name="recalls"),
    path("approvals/<str:kind>/<id:pk>/", views.approval_decide, name="approval_decide"),
    path("books/<id:pk>/", views.book_detail, name="book"),
    path("books/<id:pk>/export.<str:fmt>", views.book_export, name="book_export"),
    path("books/<id:pk>/close/", views.book_close, name="book_close"),
    path("items/<id:pk>/", views.item_detail, name="item"),
    path("catalogues/", catalogue_views.catalogue_list, name="catalogues"),
    path("catalogues/new/", catalogue_views.catalogue_new, name="catalogue_new"),
    path("catalogues/review/", catalogue_views.catalogue_review, name="catalogue_review"),
    path("catalogues/<id:pk>/", catalogue_views.catalogue_detail, name="catalogue"),
    path("catalogues/entries/<id:pk>/", catalogue_views.catalogue_entry, name="catalogue_entry"),
    path("items/<id:pk>/change-level/", protection_views.change_level, name="change_level"),
    path("notices/", protection_views.notice_bundles, name="notice_bundles"),
    path(
        "items/<id:pk>/notices/<id:notice>/remarked/",
        protection_views.record_remarking,
        name="record_remarking",
    ),
    path("files/<id:pk>/", views.file_download, name="file"),
    path("items/<id:pk>/<str:action>/", views.item_action, name="item_action"),
]
