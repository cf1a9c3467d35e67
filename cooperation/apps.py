"""App configuration."""

from django.apps import AppConfig


class CooperationConfig(AppConfig):
    name = "cooperation"

    def ready(self):
        from cooperation import versions  # noqa: F401  (connects the version signals)
