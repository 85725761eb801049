"""The plain web page's parts without a browser: what plain mode said becomes headings,
paragraphs and radio buttons, every word escaped, a hand-over leaves nothing before it, and
the channel hands answers to plain mode's thread one line at a time."""

from __future__ import annotations

import threading

from collabcheck.cli.plain_page import page, step_from, title_of
from collabcheck.cli.plain_web import Channel
from collabcheck.plain.talk import CLEAR

RATED = [
    "Question 3 of 24, practice 1: Practice 1.\n",
    "Statement <b>A</b>.\n",
    "How much do you agree?\n",
    "1. Strongly disagree\n2. Disagree\n3. Agree\n",
    "Type a number from 1 to 3, n for not sure, s to skip, or b to go back.\n",
]


def test_a_rated_question_becomes_a_fieldset_of_radio_buttons_and_a_heading():
    step = step_from(RATED, True, "ABCD-EFGH", "/s/x")
    assert step.prompt == "Type a number from 1 to 3, n for not sure, s to skip, or b to go back."
    assert step.choices == [("1", "Strongly disagree"), ("2", "Disagree"), ("3", "Agree")]
    assert step.legend == "How much do you agree?"
    html = page(step)
    assert "<h3>Question 3 of 24, practice 1: Practice 1.</h3>" in html
    assert "<legend>How much do you agree?</legend>" in html
    assert '<label for="choice-2">2. Disagree</label>' in html
    assert "Statement &lt;b&gt;A&lt;/b&gt;." in html and "<b>A</b>" not in html
    assert title_of(step) == "Question 3 of 24 – collabcheck"
    assert "ABCD-EFGH" in html


def test_a_hand_over_leaves_nothing_said_before_it_and_names_are_escaped():
    chunks = [
        "You chose: Agree.\n",
        CLEAR,
        "Ann: your answers are hidden now.\n",
        "Pass the keyboard to <script>Bo</script>. Press Enter when ready.\n",
    ]
    step = step_from(chunks, True, "", "/s/x")
    html = page(step)
    assert "You chose" not in html and "Ann: your answers are hidden now." in html
    assert "<script>Bo" not in html and "&lt;script&gt;Bo" in html
    assert not step.choices


def test_a_page_still_working_says_so_and_a_finished_one_offers_another_sitting():
    busy = step_from(["Pushing…\n"], False, "", "/s/x")
    busy.busy = True
    assert "Still working" in page(busy) and title_of(busy) == "Working – collabcheck"
    done = step_from(["Thank you. collabcheck has finished.\n"], False, "", "/s/x")
    assert 'href="/"' in page(done) and title_of(done) == "Finished – collabcheck"


def test_the_channel_gives_plain_mode_one_line_at_a_time():
    channel = Channel(idle=5)
    heard: list[str] = []

    def conversation() -> None:
        channel.write("Name?\n")
        heard.append(channel.readline())
        channel.write("Thanks.\n")
        channel.write("Role?\n")
        heard.append(channel.readline())
        heard.append(channel.readline())  # ended: the end of input
        channel.done()

    thread = threading.Thread(target=conversation)
    thread.start()
    channel.first()
    assert channel.shown() == (["Name?\n"], True, False)
    channel.answer("Ann\nand more")  # one line, whatever was pasted
    assert channel.shown() == (["Thanks.\n", "Role?\n"], True, False)
    channel.answer("Nurse")
    channel.end()
    thread.join(5)
    assert heard == ["Ann and more\n", "Nurse\n", ""]
    assert channel.shown()[2] is True
