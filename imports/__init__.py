"""Importing the plans municipalities already have: documents in, samordna/plan@1 out.

The public entry points (imported lazily so that loading the app stays cheap):

- `recognise_file(path)` → `(document, confidence)` for a file on disk;
- `recognise_upload(name, data)` → a `Recognition` with notes and any other plans found;
- `recognise_path(path)` → a `Recognition` (document, confidence, notes, others);
- `fill_status_dates(document, as_of=None)` → the document with undated statuses dated
  (today by default), ready for `interchange.load.load_plan`;

all raise `imports.errors.UnreadableFile`, whose message is translated and says what is
wrong with the file.
"""


def recognise_file(path):
    from imports.pipeline import recognise_file as run

    return run(path)


def recognise_path(path):
    from imports.pipeline import recognise_path as run

    return run(path)


def fill_status_dates(document, as_of=None):
    from imports.pipeline import fill_status_dates as run

    return run(document, as_of)


def recognise_upload(name, data, **options):
    from imports.pipeline import recognise_upload as run

    return run(name, data, **options)
