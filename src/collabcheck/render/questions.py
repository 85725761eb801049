"""The bank as plain text for `collabcheck questions`, for people checking what will be asked."""

from __future__ import annotations

import textwrap

from collabcheck.core.bank import Bank

KIND_NOTE = {
    "agree": "rate 1-5",
    "authority": "who has most say",
    "focus": "task or relationship",
    "reflect": "write freely",
}


def bank_as_text(bank: Bank, width: int = 80) -> str:
    """Every section and item, numbered, wrapped to `width`; reversed items are marked."""
    lines = [
        f"{bank.title} (bank {bank.id}, version {bank.version})",
        *textwrap.wrap(f"Source: {bank.source}", width),
        "",
    ]
    for section in bank.sections:
        head = f"{section.number}. {section.title}" if section.number else section.title
        lines += [head, "-" * min(len(head), width)]
        if section.summary:
            lines += textwrap.wrap(section.summary, width)
        for n, item in enumerate(section.items, 1):
            note = KIND_NOTE[item.kind]
            if item.accountability:
                note = "who carries it, not the say"
            elif item.development:
                note = "who has had the chances to develop, not the say"
            note += ", reversed" if item.reverse else ""
            lines += textwrap.wrap(f"{n:>2}. {item.text} [{note}]", width, subsequent_indent="    ")
            if item.prompt:
                lines += textwrap.wrap(
                    f"asks: {item.prompt}", width, initial_indent="    ", subsequent_indent="    "
                )
            for w in item.sides:  # the item worded for one side of care
                lines += textwrap.wrap(
                    f"{w.side} side reads: {w.text}", width, initial_indent="    ", subsequent_indent="      "
                )
                if w.prompt:
                    indent = " " * 6
                    lines += textwrap.wrap(
                        f"and is asked: {w.prompt}", width, initial_indent=indent, subsequent_indent=indent
                    )
            lines.append(f"    id: {item.id}")
        lines.append("")
    return "\n".join(lines).rstrip() + "\n"
