"""A tiny OpenID Connect provider (django-oauth-toolkit) the sign-in tests run against.

It runs as a second process (`serve.py`), never inside Samordna's own settings.
"""
