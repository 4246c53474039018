"""``oftl`` and ``python -m ofsted_timeline``: the collector set for a short run, then the CLI."""

import gc

# A run creates tens of thousands of objects while it imports and builds its command (modules,
# classes, functions, options), and almost all of them live until it ends. Python's default, a
# collection every 700 new objects, scans them again and again: about 5% of a json run's
# instructions. Every 50,000 still collects what cycles a long batch leaves (its peak memory is
# the same, 47-48 MB for 10,000 rows).
YOUNG_THRESHOLD = 50_000


def main() -> None:
    gc.set_threshold(YOUNG_THRESHOLD)
    from .cli import main as run  # after the threshold is set: importing is most of start-up

    run()


if __name__ == "__main__":
    main()
