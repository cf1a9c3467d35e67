"""App configuration: registers the audited models once every app is loaded."""

from django.apps import AppConfig


class AuditConfig(AppConfig):
    name = "audit"

    def ready(self):
        from audit import registry

        registry.register_models()
