"""The terminal app (Textual). Only the bare `collabcheck` command imports this package."""
