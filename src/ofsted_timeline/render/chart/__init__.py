"""The charts: a timeline's (svg, html) and the history's national picture."""
