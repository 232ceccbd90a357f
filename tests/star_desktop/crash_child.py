"""The child of the crash test: types into a draft and autosaves until it is killed.

Typing is deterministic: `step` turns the text after keystroke ``n - 1`` into the text
after keystroke ``n``, so the parent can tell exactly which keystroke the database holds.
The child reports on a pipe ``t N`` before handing keystroke N to the autosaver and
``s N`` once a save holding keystroke N has returned.
"""

from __future__ import annotations

import os
import random
from pathlib import Path

from star_desktop.storage import Autosaver, Store

ALPHABET = "abcdefghijklmnopqrstuvwxyz  ,.£éü—🙂\n"


def step(text: str, n: int) -> str:
    """The text after keystroke ``n``: mostly typing at the end, some edits inside."""
    rng = random.Random(n)
    roll = rng.random()
    if len(text) > 1500:
        cut = rng.randrange(len(text) - 500)
        return text[:cut] + text[cut + 500 :]
    if roll < 0.8 or not text:
        return text + rng.choice(ALPHABET)
    where = rng.randrange(len(text))
    if roll < 0.9:
        return text[:where] + rng.choice(ALPHABET) + text[where:]
    return text[:where] + text[where + 1 :]


def type_until_killed(path: Path, draft_id: int, start: int, text: str, fd: int) -> None:
    """Continue typing from keystroke ``start`` (whose text is ``text``) forever."""
    store = Store(path)
    saver = Autosaver(store, draft_id, store.get(draft_id).version, delay=0.002)
    n = start
    while True:
        n += 1
        text = step(text, n)
        os.write(fd, f"t {n}\n".encode())
        saver.edit(text)
        if saver.tick():
            os.write(fd, f"s {n}\n".encode())
