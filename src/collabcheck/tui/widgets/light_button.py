"""A compact button for the first screen, drawn exactly as Textual's own compact Button.

Textual's Button brings 57 style rules (flat, ANSI, success, warning, error…), and reading
them was the largest single cost of drawing the welcome screen (bench/startup_bench.py). The
welcome screen only shows compact buttons, plain or primary, so this one carries just the
rules those use, copied from Textual's Button, and inherits none of Button's (nor Widget's:
`inherit_css=False` stops at this class). It is still a Button in every other way: the same
keys, the same `Button.Pressed` message, the same focus. tests/app/test_light_button.py keeps
it drawn cell for cell as Button in every state it can be in, in the dark and light themes.

It is always compact (no border), and it is not for terminals that keep their own ANSI
colours (`App.ansi_color`), which collabcheck never asks for.
"""

from __future__ import annotations

from textual.widgets import Button


class LightButton(Button, inherit_css=False):
    """A compact Button (plain or primary) with only the style rules it needs."""

    DEFAULT_CSS = """
    LightButton {
        width: auto;
        min-width: 16;
        height: auto;
        line-pad: 1;
        text-align: center;
        content-align: center middle;
        pointer: pointer;
        text-style: bold;
        color: $button-foreground;
        background: $surface;
        border: none;

        &:disabled {
            text-opacity: 0.6;
            pointer: not-allowed;
        }
        &:focus {
            text-style: $button-focus-text-style;
            background-tint: $foreground 5%;
        }
        &:hover {
            background: $surface-darken-1;
        }
        &.-active {
            background: $surface;
            tint: $background 30%;
        }
        &.-primary {
            color: $button-color-foreground;
            background: $primary;
            &:hover {
                background: $primary-darken-2;
            }
            &.-active {
                background: $primary;
            }
        }
    }
    """

    def __init__(self, label: str, *, id: str, primary: bool = False) -> None:
        super().__init__(label, "primary" if primary else "default", id=id, compact=True)
