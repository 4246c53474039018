"""``python -m ofsted_timeline``: the same as ``oftl``."""

from .cli import main

main()
