"""Numbers only: the comparison of one sitting and the suggestion rule.

`rules.py` holds every threshold and weight, named; no sentence a person reads is built here
(that is `collabcheck.render`). Imports only `collabcheck.core`; never Textual.
"""
