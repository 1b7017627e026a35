from django.apps import AppConfig


class OrgConfig(AppConfig):
    name = "bmnn.org"
    label = "org"
    verbose_name = "Cơ quan, tổ chức và con người"
