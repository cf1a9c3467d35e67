"""The request log: one line per request with id, user and timing, without link tokens."""

import logging
import sys

from django.core import mail

from samordna.requestlog import RedactedAdminEmailHandler, redact


def test_one_line_per_request_with_id_user_and_time(client, world, caplog):
    client.force_login(world["coordinator"])
    with caplog.at_level(logging.INFO, logger="samordna.request"):
        response = client.get("/", HTTP_X_REQUEST_ID="abc-123")
    lines = [r.getMessage() for r in caplog.records if r.name == "samordna.request"]
    assert len(lines) == 1
    assert lines[0].startswith("id=abc-123 GET / 200 ")
    assert lines[0].endswith("ms user=coordinator")
    assert response["X-Request-ID"] == "abc-123"


def test_a_made_up_request_id_is_replaced(client, db, caplog):
    with caplog.at_level(logging.INFO, logger="samordna.request"):
        response = client.get("/", HTTP_X_REQUEST_ID="evil\nline")
    assert response["X-Request-ID"] != "evil\nline"
    assert "user=-" in caplog.records[-1].getMessage()


def test_personal_link_tokens_never_reach_the_log(client, db, caplog):
    token = "Zq3-secret_token_value"
    with caplog.at_level(logging.INFO):
        client.get(f"/r/{token}/")
        # As any other logger might write the path.
        logging.getLogger("samordna.anything").warning("Not Found: /r/%s/", token)
    assert len(caplog.records) == 2
    # Through the filters of the handler that writes to stdout, as configured in settings.
    stdout = next(h for h in logging.getLogger().handlers if h.get_name() == "stdout")
    written = "\n".join(r.getMessage() for r in caplog.records if stdout.filter(r))
    assert token not in written
    assert "/r/[link]/" in written


def test_redact_leaves_other_paths_alone():
    assert redact("/plans/r/") == "/plans/r/"
    assert redact("GET /r/abc/answer 200") == "GET /r/[link]/answer 200"


def test_error_mail_to_admins_has_no_link_tokens(rf, settings):
    settings.ADMINS = [("it", "it@example.no")]
    settings.DEBUG = False
    request = rf.get("/r/Zq3-secret_token_value/")
    handler = RedactedAdminEmailHandler(include_html=True)
    try:
        raise ValueError("boom")
    except ValueError:
        record = logging.LogRecord(
            "django.request", logging.ERROR, __file__, 1, "Error: %s", (request.path,), None
        )
        record.exc_info = sys.exc_info()
    record.request = request
    record.status_code = 500
    handler.emit(record)
    sent = mail.outbox[-1]
    everything = sent.subject + sent.body + sent.alternatives[0][0]
    assert "Zq3-secret_token_value" not in everything
    assert "/r/[link]/" in everything
