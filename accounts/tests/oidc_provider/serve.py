"""Runs the test provider: migrates its database, makes one user and one client from the
environment, then serves on a free loopback port, printed as "PORT <n>" on stdout."""

import os
import sys
from socketserver import ThreadingMixIn
from wsgiref.simple_server import WSGIRequestHandler, WSGIServer, make_server


class _Server(ThreadingMixIn, WSGIServer):
    daemon_threads = True


class _QuietHandler(WSGIRequestHandler):
    def log_message(self, *args):
        pass


def main():
    # Its own settings, not Samordna's; Django must be set up before the imports below.
    os.environ["DJANGO_SETTINGS_MODULE"] = "accounts.tests.oidc_provider.settings"
    import django

    django.setup()
    from django.contrib.auth import get_user_model
    from django.core.handlers.wsgi import WSGIHandler
    from django.core.management import call_command
    from oauth2_provider.models import Application

    # This thread's connection stays open while serving, which keeps the database alive.
    call_command("migrate", run_syncdb=True, verbosity=0)
    user = get_user_model().objects.create_user(
        os.environ["PROVIDER_USERNAME"],
        email=os.environ["PROVIDER_EMAIL"],
        password=os.environ["PROVIDER_PASSWORD"],
        first_name="Kari",
        last_name="Nordmann",
    )
    Application.objects.create(
        name="Samordna",
        user=user,
        client_id=os.environ["PROVIDER_CLIENT_ID"],
        client_secret=os.environ["PROVIDER_CLIENT_SECRET"],
        client_type=Application.CLIENT_CONFIDENTIAL,
        authorization_grant_type=Application.GRANT_AUTHORIZATION_CODE,
        redirect_uris=os.environ["PROVIDER_REDIRECT_URI"],
        algorithm=Application.RS256_ALGORITHM,
        skip_authorization=True,
    )
    server = make_server(
        "127.0.0.1", 0, WSGIHandler(), server_class=_Server, handler_class=_QuietHandler
    )
    print(f"PORT {server.server_port}", flush=True)
    sys.stdout.close()
    server.serve_forever()


if __name__ == "__main__":
    main()
