"""Where ``oftl holidays --update`` stores gov.uk's bank-holiday feed, and whether anything is
there. Every run that counts working days asks, and most find nothing: this is all such a run
imports of the feed (``feed.stored`` reads one back, or refuses it)."""

import os
from collections.abc import Mapping
from pathlib import Path

FOLDER = "ofsted-timeline"
FILE_NAME = "bank-holidays.json"
ABSENT = (FileNotFoundError, NotADirectoryError)  # what looking at the path raises when nothing is stored


def feed_path(environ: Mapping[str, str] = os.environ) -> Path | None:
    """Where the feed is stored; None when there is no home folder to put it in."""
    data_home = environ.get("XDG_DATA_HOME", "")
    if data_home and os.path.isabs(data_home):
        return Path(data_home) / FOLDER / FILE_NAME
    try:
        home = Path.home()
    except (RuntimeError, KeyError):  # no HOME and no password entry
        return None
    return home / ".local" / "share" / FOLDER / FILE_NAME


def nothing_stored(environ: Mapping[str, str] = os.environ) -> bool:
    """Whether no feed is stored: no home folder, or no file or folder on the path. Whatever
    else is there (a file, a link, a path that cannot be looked at) is for ``feed.stored``."""
    path = feed_path(environ)
    if path is None:
        return True
    try:
        os.lstat(path)
    except ABSENT:
        return True
    except OSError:  # there, but not to be looked at: feed.stored says why
        pass
    return False
