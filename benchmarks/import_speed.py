"""Benchmark: reading a 70 KB plan (text, web page and Word) with every detector.

Run: .venv/bin/python benchmarks/import_speed.py [--kb 70] [--runs 5]
The document is built from the corpus's shapes, repeated until it is as large as asked:
goal areas, lead sentences with bullets, numbered items, a heading per measure with label
lines, and a table flattened to one cell per line. Prints the median, min and max seconds
of `recognise_upload` over the runs for each format. Target (issue 11): under 2 s.
"""

import argparse
import io
import os
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

SECTION = """Innsatsområde {n}: Forebygging og tidlig innsats i område {n}

Kommunen skal i perioden arbeide systematisk med forebygging, og tiltakene under er fordelt på tjenestene.

Kommunen skal:

- lage en felles rutine for avdekking av vold i barnehage og skole nummer {n}
- holde kurs for alle ansatte i helsestasjon og skolehelsetjeneste hvert år
- kartlegge tilbudet til barn som lever med vold, og følge opp funnene
  - med særlig vekt på barn med minoritetsbakgrunn

Tiltak {n}.1: Felles opplæring for ledere

Alle ledere skal ha opplæring i rutinen innen utgangen av året.

Ansvar: Kommunalsjef helse og omsorg (BFD)

Tidsfrist: 2026

Status: Pågår

1. Rapportere status til politirådet hvert halvår.
2. Revidere planen når nasjonale føringer endres.

"""


def document(kb):
    parts, n = ["Handlingsplan mot vold i nære relasjoner 2025–2028\n\n"], 1
    while sum(len(p.encode()) for p in parts) < kb * 1024:
        parts.append(SECTION.format(n=n))
        n += 1
    return "".join(parts)


def as_html(text):
    lines = []
    for block in text.split("\n\n"):
        block = block.strip()
        if not block:
            continue
        if block.startswith("- "):
            items = "".join(f"<li>{line.strip()[2:]}</li>" for line in block.splitlines())
            lines.append(f"<ul>{items}</ul>")
        elif block.startswith(("Innsatsområde", "Tiltak ")):
            lines.append(f"<h2>{block}</h2>")
        else:
            lines.append(f"<p>{block}</p>")
    return "<html><body>" + "".join(lines) + "</body></html>"


def as_docx(text):
    import docx

    word = docx.Document()
    for block in text.split("\n\n"):
        for line in block.splitlines():
            stripped = line.strip()
            if not stripped:
                continue
            if stripped.startswith("- "):
                style = "List Bullet 2" if line.startswith("  ") else "List Bullet"
                word.add_paragraph(stripped[2:], style=style)
            elif stripped.startswith(("Innsatsområde", "Tiltak ")):
                word.add_heading(stripped, level=2)
            else:
                word.add_paragraph(stripped)
    buffer = io.BytesIO()
    word.save(buffer)
    return buffer.getvalue()


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--kb", type=int, default=70)
    parser.add_argument("--runs", type=int, default=5)
    args = parser.parse_args()

    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "samordna.settings")
    import django

    django.setup()
    from imports.pipeline import recognise_upload

    text = document(args.kb)
    files = {
        "plan.txt": text.encode("utf-8"),
        "plan.html": as_html(text).encode("utf-8"),
        "plan.docx": as_docx(text),
    }
    for name, data in files.items():
        times, found = [], 0
        for _ in range(args.runs):
            started = time.perf_counter()
            result = recognise_upload(name, data)
            times.append(time.perf_counter() - started)
            document_ = result.document
            found = len(document_["measures"]) + sum(len(a["measures"]) for a in document_["areas"])
        sys.stdout.write(
            f"{name:10} {len(data) / 1024:6.1f} KB  {found:4d} measures  "
            f"median {statistics.median(times):.2f} s  min {min(times):.2f} s  "
            f"max {max(times):.2f} s\n"
        )


if __name__ == "__main__":
    main()
