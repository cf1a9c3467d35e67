"""Cached renderings of a plan's pages and conditional GET (ETag → 304).

A cached piece is keyed by the plan's version as read from the database with the plan
(bumped on every write that touches the plan, see plans.versions), the page and its
parameters (date, filters), the language and what the visitor may see. A write therefore
shows at once, also with several servers on one database, even with each server's own
local-memory cache: no key is ever reused for different content.

Only the page's own content is cached; the frame around it (navigation, messages, the
CSRF token of the forms) is rendered for each request.
"""

import hashlib

from django.conf import settings
from django.contrib import messages
from django.core.cache import cache
from django.http import HttpResponseNotModified
from django.utils.http import http_date
from django.utils.safestring import mark_safe
from django.utils.translation import get_language

from accounts.models import Membership

# Keys change with the plan's version; old entries just age out of the cache.
TIMEOUT = 24 * 60 * 60


def viewer_key(user):
    """What the visitor may see and do, as a short string: their roles decide it."""
    if not user.is_authenticated:
        return "public"
    if user.is_superuser:
        return "admin"
    # Contributors through a contact's responsibility are told apart by the user id; a
    # change of roles gives a new key at once.
    roles = sorted(Membership.objects.filter(user=user).values_list("organisation_id", "role"))
    return f"u{user.pk}-{_digest(repr(roles))[:16]}"


def _digest(text):
    return hashlib.sha256(text.encode()).hexdigest()


def key(plan, page, viewer, parts):
    """The cache key of one rendering of a plan's page."""
    detail = _digest("|".join(str(part) for part in parts))[:32]
    # created_at too: a database rebuilt from scratch may give a new plan an old id.
    born = plan.created_at.timestamp() if plan.created_at else ""
    return f"samordna:{page}:{plan.pk}:{born}:{plan.version}:{get_language()}:{viewer}:{detail}"


def fragment(plan, page, viewer, parts, render):
    """The cached HTML of a piece of a plan's page; `render()` makes it when missing."""
    cache_key = key(plan, page, viewer, parts)
    html = cache.get(cache_key)
    if html is None:
        html = str(render())
        cache.set(cache_key, html, TIMEOUT)
    return mark_safe(html)


def cached_bytes(plan, page, parts, render):
    """A cached download of a plan (the same for every visitor who may read the plan)."""
    cache_key = key(plan, page, "any", parts)
    content = cache.get(cache_key)
    if content is None:
        content = render()
        cache.set(cache_key, content, TIMEOUT)
    return content


def etag_for(request, plan, page, viewer, parts):
    """The ETag of a whole response, or None when it must not be answered with a 304.

    Beside the cached content's key it covers what the frame shows: the path, the session
    and the CSRF cookie (the forms' token), so a log-in or log-out never reuses a page.
    A response that carries messages gets none: they show once.
    """
    if request.method not in ("GET", "HEAD") or len(messages.get_messages(request)):
        return None
    frame = [
        key(plan, page, viewer, parts),
        request.get_full_path(),
        request.COOKIES.get(settings.SESSION_COOKIE_NAME, ""),
        request.COOKIES.get(settings.CSRF_COOKIE_NAME, ""),
    ]
    return f'"{_digest("|".join(frame))[:40]}"'


def not_modified(request, etag):
    """A 304 when the browser already holds this version, else None."""
    if etag is None:
        return None
    wanted = [
        tag.strip().removeprefix("W/")
        for tag in request.headers.get("If-None-Match", "").split(",")
    ]
    if etag in wanted or "*" in wanted:
        response = HttpResponseNotModified()
        response["ETag"] = etag
        return response
    return None


def stamp(response, etag, plan):
    """Headers that let the browser ask again cheaply: it must revalidate every time."""
    if etag is not None:
        response["ETag"] = etag
        if plan.changed_at:
            response["Last-Modified"] = http_date(plan.changed_at.timestamp())
        response["Cache-Control"] = "private, no-cache"
    return response
