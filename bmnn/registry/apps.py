from django.apps import AppConfig


class RegistryConfig(AppConfig):
    name = "bmnn.registry"
    label = "registry"
    verbose_name = "Sổ đăng ký bí mật nhà nước"
