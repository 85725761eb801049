"""Lets `python -m collabcheck` behave exactly like the `collabcheck` command."""

from collabcheck.cli import main

raise SystemExit(main())
