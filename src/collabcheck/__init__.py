"""collabcheck: partners in health and care answer unseen, then compare how they see their partnership.

The package is split so that everything a script or CI needs (bank, snapshots, comparison,
history) never imports Textual; only `collabcheck.app` does, and only the bare `collabcheck`
command loads it.
"""

__version__ = "0.1.0"
