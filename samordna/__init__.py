"""Samordna: the Django project (settings, root URLs, base templates and the console command)."""
