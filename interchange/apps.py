"""App configuration."""

from django.apps import AppConfig


class InterchangeConfig(AppConfig):
    name = "interchange"
