"""Words: every sentence about a comparison or a history, built once, laid out as text,
Markdown, JSON or on a screen. Imports core, scoring and history; never Textual.
"""
