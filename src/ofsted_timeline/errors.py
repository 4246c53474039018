"""One exception type for every input problem, so the CLI can turn any of them into one line and exit 2."""


class InputError(ValueError):
    """Bad input from the user: a date, a rule id, a rule or holidays file.

    The message says what is wrong and how to fix it; it is shown as is.
    """
