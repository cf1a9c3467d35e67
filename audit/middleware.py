"""Records the signed-in user (and their address) as the actor of every audited change."""

from auditlog.middleware import AuditlogMiddleware as _AuditlogMiddleware

from samordna.addresses import client_address


class AuditMiddleware(_AuditlogMiddleware):
    """auditlog's middleware, but the address is read as the rest of Samordna reads it:
    X-Forwarded-For counts only behind SAMORDNA_TRUSTED_PROXIES, as it can be forged."""

    @staticmethod
    def _get_remote_addr(request):
        return client_address(request)
