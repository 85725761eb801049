"""Plain mode's conversation as a web page: real HTML that a screen reader can move through.

Plain mode says things in lines and asks for one typed line at a time. Here what it said since
the last answer becomes paragraphs in a live region (a screen reader reads it out as it
changes), "Question 3 of 24…" becomes a heading, a numbered list just before the prompt
becomes radio buttons in a fieldset named by the question, and the prompt is the label of the
text box. Everything is escaped; nothing is fetched from elsewhere; the page works with
scripts off (a plain form) and, with them on, swaps in the next step without reloading.
"""

from __future__ import annotations

import html
import re
from dataclasses import dataclass, field

from collabcheck.plain.talk import CLEAR

NUMBERED = re.compile(r"^(\d+)\. (.+)$")
QUESTION = re.compile(r"^Question \d+ of \d+")


@dataclass
class Step:
    """What one page shows: what was said, the prompt (None once finished), the code."""

    said: list[str]
    prompt: str | None
    code: str = ""
    action: str = ""
    choices: list[tuple[str, str]] = field(default_factory=list)  # (number, label)
    legend: str = ""
    busy: bool = False  # still working on the last answer (a push can take 30 seconds)


def step_from(chunks: list[str], waiting: bool, code: str, action: str) -> Step:
    """What plain mode wrote since the last answer (one chunk per thing said), as a page: the
    last chunk is the prompt when it waits for a line; a numbered list right before the
    prompt becomes the choices; a hand-over's clearing drops everything said before it."""
    prompt = " ".join(chunks[-1].split()) if waiting and chunks else None
    text = "".join(chunks[:-1] if prompt is not None else chunks)
    if CLEAR in text:
        text = text.rsplit(CLEAR, 1)[1]
    lines = [line.strip() for line in text.split("\n") if line.strip()]
    step = Step(said=lines, prompt=prompt, code=code, action=action)
    if prompt is not None:
        start = len(lines)
        while start > 0 and NUMBERED.match(lines[start - 1]):
            start -= 1
        found = [m for m in (NUMBERED.match(line) for line in lines[start:]) if m]
        if len(found) >= 2 and [m.group(1) for m in found] == [str(n) for n in range(1, len(found) + 1)]:
            step.choices = [(m.group(1), m.group(2)) for m in found]
            step.legend = lines[start - 1] if start > 0 else "Choose one"
            step.said = lines[: max(start - 1, 0)]
    return step


def title_of(step: Step) -> str:
    """The page title: the question reached, if any, so a tab says where the sitting is."""
    for line in reversed(step.said):
        if QUESTION.match(line):
            return f"{line.split(',')[0]} – collabcheck"
    if step.busy:
        return "Working – collabcheck"
    if step.prompt is None:
        return "Finished – collabcheck"
    return "collabcheck"


def _said_html(lines: list[str]) -> str:
    out: list[str] = []
    in_list = False
    for line in lines:
        m = NUMBERED.match(line)
        if m and not in_list:
            out.append("<ol>")
            in_list = True
        elif not m and in_list:
            out.append("</ol>")
            in_list = False
        if m:
            out.append(f'<li value="{html.escape(m.group(1))}">{html.escape(m.group(2))}</li>')
        elif QUESTION.match(line):
            out.append(f"<h3>{html.escape(line)}</h3>")
        elif line.strip():
            out.append(f"<p>{html.escape(line)}</p>")
    if in_list:
        out.append("</ol>")
    return "\n".join(out)


def _form_html(step: Step) -> str:
    if step.busy:
        return (
            f'<p id="answer">Still working on that. <a href="{html.escape(step.action)}">'
            "Show the next step</a> in a moment.</p>"
        )
    if step.prompt is None:
        return '<p id="answer">This sitting has finished. <a href="/">Start another sitting</a>.</p>'
    parts = [f'<form id="answer" method="post" action="{html.escape(step.action)}">']
    if step.choices:
        parts.append(f"<fieldset><legend>{html.escape(step.legend)}</legend>")
        for number, label in step.choices:
            parts.append(
                f'<div class="choice"><input type="radio" name="choice" '
                f'id="choice-{html.escape(number)}" value="{html.escape(number)}">'
                f'<label for="choice-{html.escape(number)}">{html.escape(number)}. '
                f"{html.escape(label)}</label></div>"
            )
        parts.append("</fieldset>")
        box_label = "Or type your answer (a number, or a word such as skip or back)"
        parts.append(f'<p class="prompt" id="prompt">{html.escape(step.prompt)}</p>')
        parts.append(f'<label for="line">{box_label}</label>')
        described = ' aria-describedby="prompt"'
    else:
        parts.append(f'<label for="line">{html.escape(step.prompt)}</label>')
        described = ""
    parts.append(f'<input type="text" id="line" name="line" autocomplete="off"{described} autofocus>')
    parts.append('<button type="submit">Send</button></form>')
    return "\n".join(parts)


STYLE = """
body { font-family: system-ui, sans-serif; font-size: 1.125rem; line-height: 1.5;
       color: #1b1b1b; background: #ffffff; margin: 0 auto; max-width: 46rem; padding: 1rem; }
h1 { font-size: 1.75rem; margin: 0.5rem 0; }
h2 { font-size: 1.25rem; margin: 1.5rem 0 0.5rem; }
h3 { font-size: 1.125rem; margin: 1rem 0 0.25rem; }
.code { background: #f3f2f1; padding: 0.5rem; border-left: 4px solid #1d70b8; }
fieldset { border: 1px solid #505a5f; margin: 1rem 0; padding: 0.5rem 1rem; }
legend { font-weight: bold; }
.choice { margin: 0.25rem 0; }
input[type=text] { font-size: 1.125rem; width: 100%; box-sizing: border-box; padding: 0.4rem;
                   border: 2px solid #0b0c0c; margin: 0.25rem 0 0.75rem; }
button { font-size: 1.125rem; padding: 0.5rem 1.5rem; background: #00703c; color: #ffffff;
         border: 0; }
:focus { outline: 3px solid #ffdd00; outline-offset: 0; box-shadow: 0 0 0 6px #0b0c0c; }
a { color: #1d70b8; }
"""

# Send an answer without reloading: the live region's text and the form are swapped for the
# next step's, so a screen reader reads out what was said back, and the box has the focus.
SCRIPT = """
document.addEventListener("submit", async (event) => {
  const form = event.target;
  if (form.id !== "answer") return;
  event.preventDefault();
  const body = new URLSearchParams(new FormData(form));
  const response = await fetch(form.action, { method: "POST", body: body });
  const next = new DOMParser().parseFromString(await response.text(), "text/html");
  document.title = next.title;
  document.getElementById("said").innerHTML = next.getElementById("said").innerHTML;
  const answer = next.getElementById("answer");
  form.replaceWith(document.adoptNode(answer));
  const box = document.getElementById("line") || document.querySelector("#answer a");
  if (box) box.focus();
});
"""


def page(step: Step) -> str:
    """The whole page for one step of the conversation."""
    code = ""
    if step.code:
        code = (
            f'<p class="code">To carry on later in a new tab or window, use this code: '
            f"<strong>{html.escape(step.code)}</strong></p>"
        )
    return f"""<!DOCTYPE html>
<html lang="en-GB">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>{html.escape(title_of(step))}</title>
<style>{STYLE}</style>
</head>
<body>
<header>{code}</header>
<main>
<h1>collabcheck</h1>
<h2 id="said-heading">What collabcheck says</h2>
<div id="said" role="status" aria-live="polite" aria-labelledby="said-heading">
{_said_html(step.said)}
</div>
<h2>Your answer</h2>
{_form_html(step)}
</main>
<script>{SCRIPT}</script>
</body>
</html>
"""


def start_page(can_carry_on: bool, problem: str = "") -> str:
    """The first page: start a new sitting, or carry one on with its code."""
    carry = f'<p role="alert">{html.escape(problem)}</p>' if problem and not can_carry_on else ""
    if can_carry_on:
        said = f'<p role="alert">{html.escape(problem)}</p>' if problem else ""
        carry = f"""<h2>Carry on a sitting</h2>{said}
<form method="post" action="/new">
<label for="code">The code shown when the sitting was started, for example ABCD-EFGH</label>
<input type="text" id="code" name="code" autocomplete="off">
<button type="submit">Carry on</button>
</form>"""
    return f"""<!DOCTYPE html>
<html lang="en-GB">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>Welcome – collabcheck</title>
<style>{STYLE}</style>
</head>
<body>
<main>
<h1>collabcheck</h1>
<p>Partners answer questions about their partnership in turn, unseen, then hear their answers
side by side and agree one practice to work on next. This page asks one thing at a time.</p>
<h2>Start</h2>
<form method="post" action="/new">
<button type="submit" name="code" value="">Start a new sitting</button>
</form>
{carry}
</main>
</body>
</html>
"""
