"""Widgets the app's screens share (drawn with Textual itself)."""
