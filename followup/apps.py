"""App configuration."""

from django.apps import AppConfig


class FollowupConfig(AppConfig):
    name = "followup"

    def ready(self):
        from followup import versions  # noqa: F401  (connects the version signals)
