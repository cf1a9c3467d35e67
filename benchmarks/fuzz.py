"""Fuzz: generated hostile input through the interchange loader and the import readers.

Run: .venv/bin/python benchmarks/fuzz.py [--inputs 10000] [--seed 1] [--examples 3]
Half the inputs are demo plans (samordna/plan@1) with random changes, half are small
.docx, .xlsx, .csv, .html, .md and .txt plans with random changes to their text or bytes.
Each is imported into a throwaway SQLite database inside a savepoint that is rolled back.
Prints inputs run, how many were loaded or refused, crashes (any exception but Samordna's
own InvalidPlan/UnreadableFile) and partial writes (rows left behind by a refused import),
with examples. The goal is 0 crashes and 0 partial writes; exits 1 otherwise.
"""

import argparse
import collections
import os
import random
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--inputs", type=int, default=10_000)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--examples", type=int, default=3, help="crash examples to print")
    args = parser.parse_args()

    os.environ["SAMORDNA_DATA_DIR"] = tempfile.mkdtemp(prefix="samordna-fuzz-")
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "samordna.settings")
    import django

    django.setup()
    from django.core.management import call_command
    from django.utils import translation

    from imports.tests import fuzzing

    call_command("migrate", verbosity=0)
    translation.activate("en")
    rng = random.Random(args.seed)
    documents = fuzzing.demo_documents()
    files = sorted(fuzzing.sample_files().items())
    counts = collections.Counter()
    by_source = collections.Counter()
    examples = collections.defaultdict(list)
    started = time.monotonic()
    for index in range(args.inputs):
        if index % 2 == 0:
            source = "json"
            document = fuzzing.mutate_document(rng.choice(documents), rng)
            outcome = fuzzing.try_document(document)
            shown = repr(document)[:300]
        else:
            name, data = rng.choice(files)
            name, data = fuzzing.mutate_file(name, data, rng)
            source = name.rsplit(".", 1)[-1]
            outcome = fuzzing.try_file(name, data)
            shown = f"{name}: {data[:200]!r}"
        if index and index % 1000 == 0:
            print(f"  {index} inputs, {dict(counts)}", file=sys.stderr, flush=True)
        counts[outcome.kind] += 1
        by_source[source] += 1
        if outcome.bad and len(examples[outcome.kind]) < args.examples:
            examples[outcome.kind].append((index, shown, outcome.detail))
    seconds = time.monotonic() - started

    print(f"inputs run:     {args.inputs} (seed {args.seed}, {seconds:.0f} s)")
    print("  by source:    " + ", ".join(f"{k} {v}" for k, v in sorted(by_source.items())))
    print(f"loaded:         {counts['loaded']}")
    print(f"refused:        {counts['refused']} (with a message, nothing saved)")
    print(f"crashes:        {counts['crash']}")
    print(f"partial writes: {counts['partial']}")
    for kind, found in examples.items():
        for index, shown, detail in found:
            print(f"\n--- {kind}, input {index}: {shown}\n{detail}")
    return 1 if counts["crash"] or counts["partial"] else 0


if __name__ == "__main__":
    sys.exit(main())
