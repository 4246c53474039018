"""Pure renderers: a Timeline (or rule set, or holiday list) in, text out. Nothing here prints."""
