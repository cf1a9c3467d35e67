"""App configuration."""

from django.apps import AppConfig


class PlansConfig(AppConfig):
    name = "plans"

    def ready(self):
        from plans import versions  # noqa: F401  (connects the version signals)
