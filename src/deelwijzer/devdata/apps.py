from django.apps import AppConfig


class DevdataConfig(AppConfig):
    name = "deelwijzer.devdata"
    label = "devdata"
