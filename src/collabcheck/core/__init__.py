"""Files and the models read from them: bank, snapshot, sitting in progress, paths, git.

Everything above this layer (scoring, history, render, cli, tui, plain) may import from here;
nothing here imports from above, and nothing here imports Textual.
"""
