"""Property-based tests: no input crashes the interchange loader or the import readers, and
a refused import leaves nothing behind. benchmarks/fuzz.py runs the same checks 10,000 times.
"""

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from imports.tests import fuzzing

pytestmark = pytest.mark.django_db
FAST = settings(
    max_examples=50,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
DOCUMENTS = fuzzing.demo_documents()
FILES = sorted(fuzzing.sample_files().items())

json_values = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats() | st.text(max_size=30),
    lambda inner: (
        st.lists(inner, max_size=4)
        | st.dictionaries(
            st.sampled_from(["schema", "title", "areas", "measures", "status", "as_of", "state"])
            | st.text(max_size=8),
            inner,
            max_size=4,
        )
    ),
    max_leaves=20,
)


def judged(outcome):
    assert not outcome.bad, outcome.detail
    return outcome


@FAST
@given(rng=st.randoms(use_true_random=False), which=st.sampled_from(range(len(DOCUMENTS))))
def test_changed_demo_plans_load_or_are_refused_whole(rng, which):
    judged(fuzzing.try_document(fuzzing.mutate_document(DOCUMENTS[which], rng)))


@FAST
@given(document=json_values)
def test_any_json_value_is_refused_with_a_message(document):
    judged(fuzzing.try_document(document))


@FAST
@given(
    title=st.text(max_size=40),
    measure=st.dictionaries(
        st.sampled_from(["title", "number", "description", "responsible", "timing", "status"]),
        json_values,
    ),
)
def test_any_measure_in_a_valid_plan_loads_or_is_refused_whole(title, measure):
    document = {"schema": "samordna/plan@1", "title": title, "measures": [measure]}
    judged(fuzzing.try_document(document))


@FAST
@given(rng=st.randoms(use_true_random=False), which=st.sampled_from(range(len(FILES))))
def test_changed_documents_are_read_or_refused_whole(rng, which):
    name, data = fuzzing.mutate_file(*FILES[which], rng)
    judged(fuzzing.try_file(name, data))


@FAST
@given(
    name=st.sampled_from(["plan.csv", "plan.html", "plan.txt", "plan.md", "plan.docx", "plan"]),
    data=st.binary(max_size=300)
    | st.text(max_size=300).map(lambda t: t.encode("utf-8", "replace")),
)
def test_any_bytes_under_any_name_are_read_or_refused(name, data):
    judged(fuzzing.try_file(name, data))


def test_the_samples_themselves_load():
    """The unchanged inputs load, so the properties above are not about refusing everything."""
    assert fuzzing.try_document(DOCUMENTS[0]).kind == "loaded"
    for name, data in FILES:
        assert fuzzing.try_file(name, data).kind == "loaded", name
