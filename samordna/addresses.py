"""The visitor's network address, as counted by the guess limits and the login lockout."""

import ipaddress

from django.conf import settings


def client_address(request):
    """The visitor's address: behind N trusted proxies, the N-th entry of X-Forwarded-For
    from the right (entries further left are the client's own claim and can be forged)."""
    proxies = settings.TRUSTED_PROXIES
    forwarded = [
        a.strip() for a in request.META.get("HTTP_X_FORWARDED_FOR", "").split(",") if a.strip()
    ]
    if proxies and len(forwarded) >= proxies:
        candidate = forwarded[-proxies]
        try:
            return str(ipaddress.ip_address(candidate))
        except ValueError:
            pass
    return request.META.get("REMOTE_ADDR") or "0.0.0.0"
