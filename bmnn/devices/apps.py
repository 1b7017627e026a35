from django.apps import AppConfig


class DevicesConfig(AppConfig):
    name = "bmnn.devices"
    verbose_name = "Computers, media and independent LANs"
