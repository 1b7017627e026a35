from django.apps import AppConfig


class InspectionsConfig(AppConfig):
    name = "bmnn.inspections"
    verbose_name = "Inspections, training and the legal library"
