"""The request log: one line per request on stdout, with its id, user and timing.

Contacts' personal links carry their secret in the path (/r/<token>/), so every path
written to the log has the token replaced; the redaction filter does the same for any
other log record (Django's "Not Found: /r/…" warnings), and the error mail to ADMINS
is redacted as a whole.
"""

import logging
import re
import time
import uuid

from django.utils.log import AdminEmailHandler

logger = logging.getLogger("samordna.request")

# A personal link's token, wherever a path holds one.
LINK_TOKEN = re.compile(r"/r/[^/\s?#\"']+")
# An id given by the proxy is kept when it looks like one, so lines can be matched up.
GIVEN_ID = re.compile(r"^[A-Za-z0-9._-]{1,64}$")


def redact(text):
    return LINK_TOKEN.sub("/r/[link]", text)


class RedactLinks(logging.Filter):
    """Removes personal-link tokens from any log record before it is written."""

    def filter(self, record):
        message = record.getMessage()
        cleaned = redact(message)
        if cleaned != message:
            record.msg, record.args = cleaned, None
        return True


class RedactedAdminEmailHandler(AdminEmailHandler):
    """Error mail to ADMINS, with personal-link tokens removed from the whole report."""

    def send_mail(self, subject, message, *args, **kwargs):
        if kwargs.get("html_message"):
            kwargs["html_message"] = redact(kwargs["html_message"])
        super().send_mail(redact(subject), redact(message), *args, **kwargs)


def request_id(request):
    given = request.headers.get("X-Request-ID", "")
    return given if GIVEN_ID.match(given) else uuid.uuid4().hex[:16]


class RequestLogMiddleware:
    """Logs method, redacted path, status, duration and user; sets X-Request-ID."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        request.request_id = request_id(request)
        started = time.perf_counter()
        response = self.get_response(request)
        elapsed = (time.perf_counter() - started) * 1000
        user = getattr(request, "user", None)
        who = user.get_username() if user is not None and user.is_authenticated else "-"
        logger.info(
            "id=%s %s %s %s %.1fms user=%s",
            request.request_id,
            request.method,
            redact(request.path),
            response.status_code,
            elapsed,
            who,
        )
        response["X-Request-ID"] = request.request_id
        return response
