from django.urls import path

from bmnn.registry.views import catalogue, items, protection

app_name = "registry"
urlpatterns = [
    path("", items.item_list, name="item_list"),
    path("incoming/", items.register_incoming, name="incoming"),
    path("propose/", items.propose, name="propose"),
    path("transfers/", items.transfers, name="transfers"),
    path("books/", items.book_list, name="books"),
    path("statistics/", items.statistics_view, name="statistics"),
    path("expiring/", items.expiring, name="expiring"),
    path("approvals/", items.approvals, name="approvals"),
    path("recalls/", items.recalls, name="recalls"),
    path("approvals/<str:kind>/<id:pk>/", items.approval_decide, name="approval_decide"),
    path("books/<id:pk>/", items.book_detail, name="book"),
    path("books/<id:pk>/export.<str:fmt>", items.book_export, name="book_export"),
    path("books/<id:pk>/close/", items.book_close, name="book_close"),
    path("items/<id:pk>/", items.item_detail, name="item"),
    path("catalogues/", catalogue.catalogue_list, name="catalogues"),
    path("catalogues/new/", catalogue.catalogue_new, name="catalogue_new"),
    path("catalogues/review/", catalogue.catalogue_review, name="catalogue_review"),
    path("catalogues/<id:pk>/", catalogue.catalogue_detail, name="catalogue"),
    path("catalogues/entries/<id:pk>/", catalogue.catalogue_entry, name="catalogue_entry"),
    path("items/<id:pk>/change-level/", protection.change_level, name="change_level"),
    path("notices/", protection.notice_bundles, name="notice_bundles"),
    path(
        "items/<id:pk>/notices/<id:notice>/remarked/",
        protection.record_remarking,
        name="record_remarking",
    ),
    path("files/<id:pk>/", items.file_download, name="file"),
    path("items/<id:pk>/<str:action>/", items.item_action, name="item_action"),
]
