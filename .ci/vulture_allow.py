# Names vulture reports as unused that are used, each checked by hand (`vulture` reads this
# file with src/; see [tool.vulture] in pyproject.toml). Textual's hooks (compose, on_*,
# watch_*, action_*, @on handlers…) are ignored there by name, not listed here.
# Add a line only after checking the name is really used, and say by what.

_.initialize_logging  # cli/serve.py: textual-serve's Server calls it as it starts
_.public_url  # cli/serve.py: read by textual-serve's Server to build the page's links
_.flow  # tui/app.py: the flow's worker, awaited and restarted by the app tests
_.idle  # tui/autosave.py: "nothing waiting to be written", for the autosave tests
parse_snapshot  # core/snapshot.py: a snapshot from text (tests read files they have in memory)
# To check (scoring/rules.py, the rule's numbers): no module reads this one; either the rule
# should use it or it goes.
SEEN_DIFFERENTLY
BankMetaModel  # core/bank.py check_file: the bank's models are looked up by name (pydantic imported there only)
FormModel  # core/forms.py: read through check_file by name, as above
