"""One exception type for every input problem, so the CLI can turn any of them into one line and exit 2.

``LIMITS`` are the errors that input too large or too deep causes wherever it is handled
(a date pushed past the year 9999, nesting past the recursion limit); the CLI catches them
as a class, as it does ``InputError``, and ``one_line`` says what went wrong.
"""

LIMITS = (OverflowError, RecursionError, MemoryError)


class InputError(ValueError):
    """Bad input from the user: a date, a rule id, a rule or holidays file.

    The message says what is wrong and how to fix it; it is shown as is.
    """


def one_line(error: BaseException) -> str:
    """The message for an InputError, a refused file or a limit reached, without a traceback."""
    if isinstance(error, InputError):
        return str(error)
    if isinstance(error, OSError):
        where = f"{error.filename}: " if error.filename else ""
        return f"{where}{error.strerror or error}"
    if isinstance(error, RecursionError):
        return "the input is nested too deeply to handle: simplify it"
    if isinstance(error, MemoryError):
        return "the input is too large for the memory available"
    return f"a number or date in the input is out of range ({error}): check the offsets and dates"
