"""How views answer htmx: a partial only for htmx's own swaps, and caches told the difference.

A view that answers the same address with a whole page or a fragment must say so in
`Vary: HX-Request`, or the browser's Back button may show the cached fragment as a page.
History restores ask with HX-Request too, but they need the whole page.
"""

from functools import wraps

from django.utils.cache import patch_cache_control, patch_vary_headers


def wants_partial(request):
    """True for an htmx swap; False for a normal visit or htmx restoring the history."""
    htmx = getattr(request, "htmx", None)
    return bool(htmx) and not htmx.history_restore_request


def answers_partials(view):
    """Mark a view's responses as varying on HX-Request; fragments are never stored."""

    @wraps(view)
    def wrapper(request, *args, **kwargs):
        response = view(request, *args, **kwargs)
        patch_vary_headers(response, ["HX-Request"])
        if wants_partial(request):
            patch_cache_control(response, no_store=True)
        return response

    return wrapper
