"""collabcheck: partners in health and care answer unseen, then compare how they see their partnership.

The package is split so that everything a script or CI needs (bank, snapshots, comparison,
history, reports) never imports Textual; only `collabcheck.tui` (the app) does, and only the
bare `collabcheck` command loads it (also run for each browser tab of `collabcheck serve`).
The README's "For developers" explains the layers; `tests/test_layers.py` keeps them.
"""

__version__ = "0.1.0"
