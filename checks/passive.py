# SPDX-License-Identifier: MIT
"""Passive voice: a form of "be" or "get", then a past participle ("was awarded by").

Few false alarms matter more than catching every passive, so a participle that usually
describes a state or a feeling ("we are pleased", "the office is closed", "based in
Rochdale") is not taken as passive, unless "by" follows and names who acted ("the road
is closed by the police").
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Mapping
from dataclasses import dataclass

_BE = r"am|is|are|was|were|be|been|being|isn't|aren't|wasn't|weren't"
_GET = r"get|gets|got|gotten|getting"
_ADVERB = r"not|never|also|already|now|still|just|then|often|always|all|soon|being|\w+ly"
_CANDIDATE = re.compile(
    rf"\b(?P<aux>{_BE}|{_GET})\b(?:\s+(?:{_ADVERB})\b)*\s+(?P<verb>[a-z]+)\b(?P<by>\s+by\s+)?"
)
_AGENT_WORD = re.compile(r"[\w'\u2019&-]+")
_DETERMINERS = frozenset({"the", "our", "a", "an", "their", "its", "your", "this", "each"})
#: Words after "by" that give a time or a means, not who acted ("submitted by 5pm").
_NOT_AGENTS = frozenset(
    {
        *("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"),
        *("january", "february", "march", "april", "may", "june", "july", "august"),
        *("september", "october", "november", "december", "noon", "midday", "midnight"),
        *("then", "now", "today", "tomorrow", "tonight", "end", "deadline", "close", "email"),
        *("post", "phone", "hand", "law", "default", "far", "way", "next", "mid", "early"),
    }
)

#: Irregular past participles and the simple past that an active rewrite uses.
IRREGULAR: Mapping[str, str] = {
    "awoken": "woke", "been": "was", "beaten": "beat", "become": "became", "begun": "began",
    "bent": "bent", "bound": "bound", "bitten": "bit", "blown": "blew", "broken": "broke",
    "brought": "brought", "built": "built", "bought": "bought", "caught": "caught",
    "chosen": "chose", "cut": "cut", "dealt": "dealt", "done": "did", "drawn": "drew",
    "driven": "drove", "eaten": "ate", "fed": "fed", "felt": "felt", "fought": "fought",
    "found": "found", "forgiven": "forgave", "forgotten": "forgot", "frozen": "froze",
    "given": "gave", "grown": "grew", "heard": "heard", "held": "held", "hidden": "hid",
    "hit": "hit", "hung": "hung", "hurt": "hurt", "kept": "kept", "known": "knew",
    "laid": "laid", "led": "led", "left": "left", "lent": "lent", "let": "let", "lost": "lost",
    "made": "made", "meant": "meant", "met": "met", "paid": "paid", "put": "put",
    "read": "read", "rebuilt": "rebuilt", "rewritten": "rewrote", "ridden": "rode",
    "rung": "rang", "run": "ran", "said": "said", "seen": "saw", "sent": "sent", "set": "set",
    "shaken": "shook", "shown": "showed", "shut": "shut", "sold": "sold", "sought": "sought",
    "spent": "spent", "spoken": "spoke", "spread": "spread", "stolen": "stole",
    "struck": "struck", "sworn": "swore", "taken": "took", "taught": "taught", "thrown": "threw",
    "told": "told", "thought": "thought", "torn": "tore", "understood": "understood",
    "undertaken": "undertook", "upheld": "upheld", "won": "won", "worn": "wore",
    "withdrawn": "withdrew", "written": "wrote",
}  # fmt: skip

#: Participles after "be" that describe a feeling: never taken as passive.
FEELINGS = frozenset(
    {
        *("excited", "pleased", "delighted", "thrilled", "interested", "honoured", "honored"),
        *("proud", "privileged", "overjoyed", "saddened", "disappointed", "surprised"),
        *("amazed", "impressed", "inspired", "humbled", "grateful", "concerned", "worried"),
        *("tired", "bored", "satisfied", "relieved", "determined", "committed", "dedicated"),
        *("thankful", "touched", "moved", "stunned", "shocked", "confused", "annoyed"),
    }
)

#: Participles that usually describe a state: passive only when "by" names who acted.
STATES = frozenset(
    {
        *("located", "closed", "based", "situated", "open", "opened", "finished", "done"),
        *("gone", "involved", "engaged", "married", "qualified", "experienced", "skilled"),
        *("limited", "related", "connected", "supposed", "used", "allowed", "scheduled"),
        *("entitled", "registered", "accredited", "certified", "licensed", "listed"),
        *("complicated", "detailed", "advanced", "aged", "retired", "disabled", "unemployed"),
        *("talented", "mixed", "crowded", "packed", "booked", "full", "prepared", "set"),
        *("hidden", "known", "left", "lost", "stuck", "closed", "fixed", "covered", "included"),
        *("equipped", "placed", "positioned", "designed", "aimed", "focused", "focussed"),
        *("united", "organised", "organized", "dressed", "born", "called", "named", "titled"),
    }
)

#: Words ending in "-ed" that are not participles.
NOT_PARTICIPLES = frozenset(
    {
        *("need", "indeed", "speed", "seed", "feed", "bed", "red", "shed", "bred", "weed"),
        *("naked", "wicked", "sacred", "rugged", "ragged", "beloved", "crooked", "wretched"),
        *("hundred", "kindred", "embed", "proceed", "succeed", "exceed", "agreed", "freed"),
        *("shred", "sled", "wed", "led", "fled", "greed", "deed", "heed", "steed", "reed"),
    }
)

#: Calls to action and idioms with "get": "get involved", "get started".
GET_IDIOMS = frozenset(
    {"involved", "started", "stuck", "lost", "dressed", "married", "engaged", "used"}
    | {"tired", "bored", "excited", "acquainted", "ready", "rid", "set", "done", "caught"}
)


@dataclass(frozen=True, slots=True)
class Passive:
    """One passive construction: its span (auxiliary to participle) and the agent if named."""

    start: int
    end: int
    participle: str
    agent: str

    def active_hint(self) -> str:
        """A suggestion that names who acts, in the active voice."""
        if self.agent:
            return f"Start with who did it: '{self.agent} {past_tense(self.participle)} ...'"
        return "Say who does it: start with 'we', 'you' or whoever acts"


def past_tense(participle: str) -> str:
    """The simple past of a participle: irregular table, else the participle itself."""
    return IRREGULAR.get(participle, participle)


def is_participle(word: str) -> bool:
    """True for a regular ("-ed") or irregular past participle."""
    if word in IRREGULAR:
        return True
    return len(word) > 3 and word.endswith("ed") and word not in NOT_PARTICIPLES


def find_passives(folded: str, text: str) -> Iterator[Passive]:
    """Passive constructions in ``folded`` (lower-cased text); ``text`` gives the agent's case."""
    for match in _CANDIDATE.finditer(folded):
        verb = match.group("verb")
        if not is_participle(verb) or verb in FEELINGS:
            continue
        if match.group("aux").startswith("g") and verb in GET_IDIOMS:
            continue
        agent = agent_after(text, match.end("by")) if match.group("by") else ""
        if verb in STATES and not agent:
            continue
        yield Passive(match.start("aux"), match.end("verb"), verb, agent)


def agent_after(text: str, offset: int) -> str:
    """Who acted, from the words after "by" at ``offset``: "" for a time or a means.

    Takes a determiner and one word ("the council"), or a run of capitalised words
    ("STAR Procurement"), at most four words.
    """
    words = [m.group() for m in _AGENT_WORD.finditer(text[offset : offset + 60])]
    if not words or words[0].lower() in _NOT_AGENTS or words[0][0].isdigit():
        return ""
    taken = [words[0]]
    if words[0].lower() in _DETERMINERS:
        if len(words) < 2 or words[1].lower() in _NOT_AGENTS:
            return ""
        taken.append(words[1])
    rest = words[len(taken) :]
    for word in rest[: 4 - len(taken)]:
        if not (word[0].isupper() and taken[-1][0].isupper()):
            break
        taken.append(word)
    return " ".join(taken)
