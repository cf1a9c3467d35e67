"""The one exception a file that cannot be imported raises, and the time bound on reading.

Every message is translated when raised (the user's language is active then, in a request
as on the command line) and says what is wrong and what to do instead.
"""

import time

from django.utils.translation import gettext as _


class UnreadableFile(Exception):
    """A file Samordna cannot read as a plan; str(error) is the message for the user."""

    def __init__(self, message, code="unreadable"):
        self.message = str(message)
        self.code = code
        super().__init__(self.message)


class Deadline:
    """A time bound that readers check between pages, rows and elements.

    Parsing libraries cannot be interrupted from the outside in a web request, so the
    readers check the clock themselves at every step that can repeat many times, and so
    does the recogniser after them (a long table costs more to recognise than to read).
    """

    def __init__(self, seconds=None):
        self.seconds = seconds  # None: no bound (tests and callers that read no file)
        self.ends = None if seconds is None else time.monotonic() + seconds

    def check(self):
        if self.ends is not None and time.monotonic() > self.ends:
            raise UnreadableFile(
                _(
                    "Reading the file took longer than %(seconds)d seconds, so Samordna "
                    "stopped. Split the document into smaller files, or save it in another "
                    "format (for example .docx) and try again."
                )
                % {"seconds": self.seconds},
                code="too_slow",
            )


def no_text():
    return UnreadableFile(
        _("The file holds no text that Samordna can read. Check that it is the right file."),
        code="no_text",
    )
