"""The `samordna` console command: runs any Django management command.

`samordna import plan.json`, `samordna send-reminders` — hyphens in a command name are
read as underscores so that commands can be typed the way the README writes them.
"""

import os
import sys


def main():
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "samordna.settings")
    from django.core.management import execute_from_command_line

    argv = list(sys.argv)
    argv[0] = "samordna"
    if len(argv) > 1 and not argv[1].startswith("-"):
        argv[1] = argv[1].replace("-", "_")
    execute_from_command_line(argv)


if __name__ == "__main__":
    main()
