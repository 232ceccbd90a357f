# SPDX-License-Identifier: MIT
"""X's weighted post length, counted as twitter-text v3 counts it, from its configuration.

The text is NFC-normalised; each web address counts ``transformedURLLength`` (23), each
emoji sequence (ZWJ sequences, skin tones, flags, keycaps, tag sequences) counts
``defaultWeight`` (2), and every other code point counts the weight of its range in the
configuration (``defaultWeight`` outside them). Weights are in hundredths (``scale``).
Offsets are Python string offsets of the original, un-normalised text.
"""

from __future__ import annotations

import functools
import json
import math
import re
import unicodedata
from collections.abc import Mapping
from dataclasses import dataclass
from importlib import resources
from typing import Any

import emoji

from checks.twitter_urls import UrlFinder

CONFIG_FILE = "twitter-text-v3.json"
_INVALID = re.compile("[\ufffe\ufeff\uffff]")
_RUN_GAP = 0x100  # a character class of few ranges is much faster to test
_KEYCAP_BASES = frozenset("#*0123456789")
_MODIFIERS = "\U0001f3fb-\U0001f3ff"
# Emoji code points yet to be assigned: Unicode reserves them as Extended_Pictographic.
_RESERVED_PICTOGRAPHIC = ((0x1F000, 0x1FAFF), (0x1FC00, 0x1FFFD))


@dataclass(frozen=True, slots=True)
class Config:
    """A twitter-text configuration (``config/v3.json``) and the TLDs of bare addresses."""

    max_length: int = 280
    scale: int = 100
    default_weight: int = 200
    url_length: int = 23
    emoji_parsing: bool = True
    ranges: tuple[tuple[int, int, int], ...] = ()
    tlds: tuple[str, ...] = ()

    @classmethod
    def from_mapping(cls, data: Mapping[str, Any]) -> Config:
        """Read the keys of twitter-text's JSON configuration; raise ValueError if invalid."""
        try:
            ranges = tuple(
                (int(r["start"]), int(r["end"]), int(r["weight"])) for r in data.get("ranges", [])
            )
            config = cls(
                max_length=int(data["maxWeightedTweetLength"]),
                scale=int(data["scale"]),
                default_weight=int(data["defaultWeight"]),
                url_length=int(data["transformedURLLength"]),
                emoji_parsing=bool(data.get("emojiParsingEnabled", True)),
                ranges=ranges,
                tlds=tuple([*data.get("countryTlds", []), *data.get("genericTlds", [])]),
            )
        except (KeyError, TypeError, ValueError) as exc:
            raise ValueError(f"invalid twitter-text configuration: {exc!r}") from None
        if config.scale <= 0 or config.max_length <= 0 or config.default_weight < 0:
            raise ValueError("invalid twitter-text configuration: non-positive scale or limit")
        return config

    def weight_of(self, char: str) -> int:
        """The weight of one code point, in hundredths of a character (``scale``)."""
        point = ord(char)
        for start, end, weight in self.ranges:
            if start <= point <= end:
                return weight
        return self.default_weight


@functools.cache
def default_config() -> Config:
    """The shipped v3 configuration, ``resources/policy/twitter-text-v3.json``."""
    path = resources.files("resources").joinpath("policy", CONFIG_FILE)
    return Config.from_mapping(json.loads(path.read_text(encoding="utf-8")))


@dataclass(frozen=True, slots=True)
class Parsed:
    """How X measures one text.

    ``weighted_length`` is in characters; ``fits`` is the length of the longest prefix
    (Python offsets in the original text) within the limit; ``over`` says whether the
    text is over it; ``invalid_at`` is the offset of the first character X refuses
    (U+FFFE, U+FEFF, U+FFFF), or None.
    """

    weighted_length: int
    valid: bool
    permillage: int
    fits: int
    invalid_at: int | None
    over: bool

    @property
    def overflow_at(self) -> int | None:
        """Where the text stops fitting in the limit (None when it all fits)."""
        return self.fits if self.over else None


class Counter:
    """Counts weighted lengths for one configuration; build once and reuse (thread-safe)."""

    def __init__(self, config: Config) -> None:
        """Compile the emoji and URL patterns and the character-weight classes."""
        self.config = config
        self._urls = UrlFinder(config.tlds)
        self._emoji: re.Pattern[str] | None = None
        self._emoji_runs: re.Pattern[str] | None = None
        if config.emoji_parsing:
            self._emoji, self._emoji_runs = _emoji_patterns(config)
        by_weight: dict[int, list[tuple[int, int]]] = {}
        for start, end, weight in config.ranges:
            if weight != config.default_weight:
                by_weight.setdefault(weight, []).append((start, end))
        self._classes = [
            (weight - config.default_weight, re.compile(f"[{_char_ranges(spans)}]+"))
            for weight, spans in by_weight.items()
        ]
        self._ascii_weight = config.weight_of("a")
        self._ascii_uniform = all(
            config.weight_of(chr(c)) == self._ascii_weight for c in range(128)
        )

    def parse(self, text: str) -> Parsed:
        """Measure ``text`` as X does."""
        config = self.config
        normal = (
            text if unicodedata.is_normalized("NFC", text) else unicodedata.normalize("NFC", text)
        )
        units = self.units(normal)
        limit = config.max_length * config.scale
        total, position = 0, 0
        for start, end, weight in units:
            total += self._plain_weight(normal[position:start]) + weight
            position = end
        total += self._plain_weight(normal[position:])
        fits = len(normal) if total <= limit else self._fitting_prefix(normal, units, limit)
        invalid = _INVALID.search(normal)
        invalid_at = None if invalid is None else invalid.start()
        if normal is not text:
            fits = _original_offset(text, fits)
            invalid_at = None if invalid_at is None else _original_offset(text, invalid_at)
        weighted = total / config.scale
        return Parsed(
            weighted_length=math.ceil(weighted),
            valid=invalid_at is None and 0 < total <= limit,
            permillage=math.floor(weighted / config.max_length * 1000),
            fits=fits,
            invalid_at=invalid_at,
            over=total > limit,
        )

    def units(self, normal: str) -> list[tuple[int, int, int]]:
        """Web addresses and emoji of NFC text as ``(start, end, weight)``, in order."""
        found = [
            (s, e, self.config.url_length * self.config.scale) for s, e in self._urls.spans(normal)
        ]
        if self._emoji is not None and self._emoji_runs is not None and not normal.isascii():
            for run in self._emoji_runs.finditer(normal):
                start = run.start()
                if start and normal[start - 1] in _KEYCAP_BASES:
                    start -= 1
                found.extend(
                    (m.start(), m.end(), self.config.default_weight)
                    for m in self._emoji.finditer(normal, start, run.end())
                )
            found.sort(key=lambda unit: (unit[0], -unit[2]))  # an address before an emoji
        kept: list[tuple[int, int, int]] = []
        reach = 0
        for unit in found:
            if unit[0] >= reach:
                kept.append(unit)
                reach = unit[1]
        return kept

    def _plain_weight(self, chunk: str) -> int:
        if not chunk:
            return 0
        if self._ascii_uniform and chunk.isascii():
            return self._ascii_weight * len(chunk)
        total = self.config.default_weight * len(chunk)
        for extra, pattern in self._classes:
            total += extra * sum(map(len, pattern.findall(chunk)))
        return total

    def _fitting_prefix(self, normal: str, units: list[tuple[int, int, int]], limit: int) -> int:
        """The end of the longest run of whole units, from the start, within ``limit``."""
        total, position = 0, 0
        weight_of = self.config.weight_of
        for start, end, weight in [*units, (len(normal), len(normal), 0)]:
            for index in range(position, start):
                total += weight_of(normal[index])
                if total > limit:
                    return index
            total += weight
            if total > limit:
                return start
            position = end
        return len(normal)


@functools.cache
def counter(config: Config | None = None) -> Counter:
    """The shared counter for ``config`` (the shipped v3 configuration by default)."""
    return Counter(config or default_config())


def weighted_length(text: str) -> int:
    """X's weighted length of ``text`` under the shipped v3 configuration."""
    return counter().parse(text).weighted_length


def _original_offset(text: str, offset: int) -> int:
    """The offset in ``text`` of the boundary at ``offset`` in its NFC form.

    The text is cut into pieces that normalise independently; a boundary inside a piece
    maps to the piece's start.
    """
    normal_position, start = 0, 0
    for end in range(1, len(text) + 1):
        if end < len(text) and not _separable(text[start:end], text[end]):
            continue
        piece = unicodedata.normalize("NFC", text[start:end])
        if normal_position + len(piece) > offset:
            return start
        normal_position += len(piece)
        start = end
    return len(text)


def _separable(before: str, char: str) -> bool:
    """True when ``before + char`` normalises as the two parts do separately."""
    if char.isascii():
        return True
    if unicodedata.combining(char):
        return False
    nfc = unicodedata.normalize
    return nfc("NFC", before + char) == nfc("NFC", before) + nfc("NFC", char)


def _char_ranges(spans: list[tuple[int, int]]) -> str:
    return "".join(
        re.escape(chr(a)) if a == b else f"{re.escape(chr(a))}-{re.escape(chr(b))}"
        for a, b in spans
    )


def _spans_of(points: set[int]) -> list[tuple[int, int]]:
    spans: list[tuple[int, int]] = []
    for point in sorted(points):
        if spans and spans[-1][1] == point - 1:
            spans[-1] = (spans[-1][0], point)
        else:
            spans.append((point, point))
    return spans


def _merged(spans: list[tuple[int, int]], gap: int) -> list[tuple[int, int]]:
    """``spans`` with those less than ``gap`` apart joined: a coarser, faster class."""
    merged: list[tuple[int, int]] = []
    for start, end in spans:
        if merged and start - merged[-1][1] < gap:
            merged[-1] = (merged[-1][0], end)
        else:
            merged.append((start, end))
    return merged


def _emoji_patterns(config: Config) -> tuple[re.Pattern[str], re.Pattern[str]]:
    """Emoji sequences: keycaps, flags, tag sequences and ZWJ sequences of elements.

    An element is an emoji code point, with a skin tone if it takes one, or followed by
    U+FE0F. Emoji the ``emoji`` package knows are used, and code points Unicode keeps for
    future emoji. One lighter than ``defaultWeight`` (such as ``©``) is an emoji only
    with U+FE0F, as in twitter-text. The second pattern finds runs of the characters
    emoji are made of, so the first runs only where it may match.
    """
    modifiers = set(range(0x1F3FB, 0x1F400))
    singles: set[int] = set()
    bases: set[int] = set()
    for sequence in emoji.EMOJI_DATA:
        points = [ord(c) for c in sequence if c != "\ufe0f"]
        if len(points) == 1:
            singles.add(points[0])
        elif len(points) == 2 and points[1] in modifiers:
            bases.add(points[0])
    for low, high in _RESERVED_PICTOGRAPHIC:
        singles.update(p for p in range(low, high + 1) if unicodedata.category(chr(p)) == "Cn")
    singles = {p for p in singles if p > 0x7F}
    light = {p for p in singles if config.weight_of(chr(p)) != config.default_weight}
    heavy = singles - light
    element = (
        f"(?:[{_char_ranges(_spans_of(bases))}][{_MODIFIERS}]"
        f"|[{_char_ranges(_spans_of(light))}]\ufe0f"
        f"|[{_char_ranges(_spans_of(heavy))}]\ufe0f?)"
    )
    pattern = re.compile(
        "[#*0-9]\ufe0f?\u20e3"
        "|[\U0001f1e6-\U0001f1ff]{2}"
        "|\U0001f3f4[\U000e0020-\U000e007e]+\U000e007f"
        f"|{element}(?:\u200d{element})*"
    )
    parts = singles | bases | {0x200D, 0x20E3, 0xFE0F} | set(range(0xE0020, 0xE0080))
    runs = re.compile(f"[{_char_ranges(_merged(_spans_of(parts), _RUN_GAP))}]+")
    return pattern, runs
