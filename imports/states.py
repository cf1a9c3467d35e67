"""A status cell or "Status:" text → state, what is done and what remains.

Status text starts with a marker (✓, "Pågår:", "Delvis gjennomført:", "Ikke gjennomført.")
or is free text. Free text without a marker still tells something: work is under way
(ongoing); only a remaining part without anything done means not started; an empty cell
or a mere reference means nobody has said (unclear).
"""

import re

from imports import vocabulary as vocab
from imports.textutil import REF_ONLY, sentences


def parse_status(text, as_of=None):
    """(status dict, confidence) for a status cell; an empty cell is `unclear`."""
    text = re.sub(r"\s+", " ", (text or "").replace("\n", " ")).strip()
    done_text, remaining = _split_remaining(text)
    state, rest, sure = _leading_state(done_text)
    if state is None:
        state, sure = _state_of_free_text(done_text, remaining)
        rest = done_text
    rest = _drop_discontinued_word(rest) if state == "discontinued" else rest
    if REF_ONLY.fullmatch(rest.strip()):
        rest = ""
    status = {
        "as_of": as_of,
        "state": state,
        "done": rest.strip(" :-–"),
        "remaining": remaining,
        "scope": None,
        "generated": False,
    }
    return status, sure


def _split_remaining(text):
    """(text before "Gjenstår:", text after it)."""
    pattern = "|".join(re.escape(w) for w in sorted(vocab.REMAINING_LABELS, key=len, reverse=True))
    match = re.search(r"(?:^|\s)(?:" + pattern + r")\s*:", text, re.I)
    if not match:
        return text, ""
    remaining = text[match.end() :].strip(" -–")
    return text[: match.start()].strip(), re.sub(r"^[-–•]\s*", "", remaining)


def _leading_state(text):
    """The state a marker at the start of `text` gives, the text after it, and certainty."""
    stripped = text.strip()
    for symbol in ("✓", "✔", "☑", "✅"):
        if stripped.startswith(symbol):
            return "done", stripped[len(symbol) :].strip(), 0.95
    for state, words in vocab.STATE_WORDS:
        entry = vocab.starts_with(stripped, [w for w in words if len(w) > 3 or w.isalpha()])
        if entry and len(entry) > 2:
            after = stripped[len(entry) :]
            # A marker is a label ("Pågår:") or a sentence of its own ("Ikke gjennomført.").
            if not after or after[0] in ":.!-–" or len(stripped.split()) <= 3:
                return state, after.lstrip(":.!-– "), 0.9
    return None, text, 0.0


def _state_of_free_text(text, remaining):
    if not text and not remaining:
        return "unclear", 0.6
    if not text:
        return "not_started", 0.6
    if REF_ONLY.fullmatch(text):
        return "unclear", 0.6
    for sentence in sentences(text):
        if vocab.matches(sentence, vocab.STATE_WORDS[2][1]):
            return "discontinued", 0.85
    return "ongoing", 0.55


def _drop_discontinued_word(text):
    parts = [s for s in sentences(text) if not vocab.matches(s, vocab.STATE_WORDS[2][1])]
    return " ".join(parts)
