"""Report exporters: pure functions from a report dict (reports.report.build_report) to bytes.

Each takes `(report, comparison=None)` and returns the file's bytes; views and commands
only set headers or write files. Labels come in the active language.
"""

import json


def render_json(report, comparison=None):
    # The summary's figures also stand at the top, as `samordna report --format json` prints.
    document = {"as_of": report["as_of"], **report["summary"], **report}
    if comparison is not None:
        document["comparison"] = comparison
    return (json.dumps(document, ensure_ascii=False, indent=2) + "\n").encode()
