"""The importer on the corpus of real public plans (imports/tests/corpus/README.md).

The table is printed in every run. The floors sit a little below what the importer
reached when the corpus was measured (pooled measure F1 0.95, responsible 0.93, status
1.00 over 20 documents; the six held-out documents alone F1 0.96), so that a change that
makes real plans read worse fails here.
"""

import sys
from pathlib import Path

import pytest

from imports.corpus import pool, report, score_corpus

CORPUS = Path(__file__).parent / "corpus"
FLOOR = {"f1": 0.90, "responsible": 0.85, "status": 0.90}


@pytest.fixture(scope="module")
def results():
    return score_corpus(CORPUS)


def test_the_corpus_is_what_its_readme_says(results):
    assert len(results) >= 20
    assert sum(r.part == "heldout" for r in results) == 6
    assert sum(r.kind in ("docx", "pdf") for r in results) >= 6
    languages = {r.name.split("-")[0] for r in results}
    assert languages == {"nb", "nn", "sv"}
    assert not [r.name for r in results if r.error]


def test_real_plans_are_read_above_the_floor(results, capsys):
    with capsys.disabled():
        sys.stdout.write("\n\nCorpus of real plans:\n" + report(results) + "\n")
    pooled = pool(results)
    assert pooled["f1"] >= FLOOR["f1"], report(results, details=True)
    for field in ("responsible", "status"):
        value, counted = pooled["accuracy"][field]
        assert counted and value >= FLOOR[field], (field, value)
