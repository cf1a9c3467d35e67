"""Reading whole numbers from query strings and forms: anything else is "not given"."""

# The largest id a database column holds (64-bit signed): numbers are mostly ids, and a
# larger one would make the query itself fail instead of finding nothing.
LARGEST = 2**63 - 1


def whole_number(value, low=None, high=None):
    """The value as an int if it is plain ASCII digits within the bounds, else None."""
    value = (value or "").strip()
    if not (value.isascii() and value.isdigit()):
        return None
    number = int(value)
    if (
        number > LARGEST
        or (low is not None and number < low)
        or (high is not None and number > high)
    ):
        return None
    return number
