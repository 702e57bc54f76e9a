"""Text preparation that keeps every character offset unchanged."""
from __future__ import annotations

import functools
import re
from typing import Iterator

# A line break inside a sentence (text wrapped at a fixed width) is read as a
# space, so "why she doesn't just\nleave him" matches like the unwrapped text.
# Breaks that end a sentence, precede a heading ("Children: 2") or a bullet,
# or form a blank line are kept: they separate items in headed forms.  A label's
# colon at a line's end with its value on the next line ("Safe contact:\nher
# sister's landline") is read as one field; before another label it is a blank one.
_SOFT_BREAK = re.compile(r"(?<=[^\s.!?;])[ \t]*\n(?![ \t]*(?:\n|[-*•·]|\d+[.)]\s|[A-Z][\w '&/()-]{0,30}:))")


# A line that is much shorter than the note's longest is a line of its own (a heading, a name line,
# a timeline entry, a shorthand entry that starts in lower case), not text wrapped at a fixed width.
_WRAPPED_SHARE = 0.6


def _soft_break(text: str):
    longest = max(map(len, text.split("\n")))

    def replace(m: re.Match) -> str:
        at = m.start()
        if text[at - 1] == ":":
            return " " * len(m.group())  # (a label and its value: nothing else can follow)
        line = at - (text.rfind("\n", 0, at) + 1)
        if line < _WRAPPED_SHARE * longest:
            return m.group()
        return " " * len(m.group())
    return replace


# spaCy's tokenizer is quadratic on a single very long run without spaces (its affix and URL
# searches rescan the run): a run this long is not a word, so it is cut every LONG_RUN characters.
LONG_RUN = 200
_LONG_RUN = re.compile(r"\S{%d,}" % LONG_RUN)
_HALF_RUN = re.compile(r"\S{%d}" % (LONG_RUN // 2))


def _has_long_run(text: str) -> bool:
    """A run of LONG_RUN non-space characters covers one of the half-length windows starting at
    0, LONG_RUN/2, LONG_RUN, ...: a dozen anchored matches per note first, and the search (which
    rescans every word from each of its letters: a fifth of the tokenizer's time) only if one hits."""
    half = LONG_RUN // 2
    match = _HALF_RUN.match
    return (any(match(text, p) for p in range(0, len(text) - half + 1, half))
            and _LONG_RUN.search(text) is not None)


def _cut(m: re.Match) -> str:
    run = m.group()
    return "".join(run[i:i + LONG_RUN - 1] + " " for i in range(0, len(run), LONG_RUN))[:len(run)]


_SURROGATE = re.compile("[\ud800-\udfff]")


def without_surrogates(text: str) -> str:
    """Lone surrogates (from a bad decode upstream, or "\\ud800" in JSON) become U+FFFD: the same
    length, so offsets hold, and the text can be encoded (spaCy's string store, HTTP responses)."""
    try:
        text.encode("utf-8")
        return text
    except UnicodeEncodeError:
        return _SURROGATE.sub("\ufffd", text)


def unwrap(text: str) -> str:
    """The text the tokenizer sees: the same length, so every offset is the same as in the original."""
    text = without_surrogates(text)
    if "\n" in text:
        text = _SOFT_BREAK.sub(_soft_break(text), text)
    if len(text) >= LONG_RUN and _has_long_run(text):
        text = _LONG_RUN.sub(_cut, text)
    return text


_AFTER_WORD = re.compile(r"(?<=[\w,'’])[ \t]+([^\W\d_a-z][\w'’-]*)")  # (a-z: never capitalised)
_NEXT_CAPITAL = re.compile(r"[ \t]+[^\W\d_a-z]")


def capitalised_mid_sentence(text: str, alone: bool = False) -> frozenset[str]:
    """The words (lower case) that `text` capitalises after a word or a comma on the same line:
    names, even when they are ordinary words ("I spoke to Rose", "visit with Grace"). One pass.
    (A line's first word is not counted: it may be a heading or a list item.) `alone`: only words
    not followed by another capitalised word ("Housing Options" and "Rose Hill" are left out)."""
    out = set()
    for m in _AFTER_WORD.finditer(text):
        w = m.group(1)
        if w[0].isupper() and not w.isupper() and not (alone and _NEXT_CAPITAL.match(text, m.end())):
            out.add(w.lower())
    return frozenset(out)


@functools.lru_cache(maxsize=4)
def _before_verbs(verbs: frozenset[str], aux: frozenset[str]) -> re.Pattern:
    # a word that does not start with a lower-case letter first, so that the search skips in C to the
    # next such letter (a pattern that starts with a look-behind or ignores case is tried at every
    # character); that it starts a word is checked after (capitalised_before_speech).  A second
    # capitalised word (a surname) and an auxiliary may stand between ("Rose Black has told me").
    alternatives = "|".join(map(re.escape, sorted(verbs, key=len, reverse=True)))
    helpers = "|".join(map(re.escape, sorted((a for a in aux if a.isalpha()), key=len, reverse=True)))
    helper = r"(?:(?:" + helpers + r")[ \t]+)?" if helpers else ""
    return re.compile(r"([^\W\d_a-z][\w'’-]*)(?:[ \t]+([^\W\d_a-z][\w'’-]*))?[ \t]+" + helper
                      + r"(?i:" + alternatives + r")\b")


def capitalised_before_speech(text: str, verbs: frozenset[str], aux: frozenset[str] = frozenset()) -> frozenset[str]:
    """The capitalised words (lower case) that `text` puts right before one of `verbs` (the
    lexicon's @speech_verb), perhaps with one of `aux` between: someone speaking, even at the start of
    every sentence ("Rose said ...", "Rose Black has told me ...")."""
    if not verbs:
        return frozenset()
    out = set()
    for m in at_word_starts(_before_verbs(verbs, aux), text):
        for word in m.groups():
            if word and word[0].isupper() and not word.isupper():
                out.add(word.lower())
    return frozenset(out)


_LETTER = re.compile(r"[^\W\d_]")
_WORD_FROM = re.compile(r"[\w'’-]*")


def capitalises(text: str, lower: str, word: str, verbs: frozenset[str]) -> tuple[bool, bool]:
    """For one word (lower case, perhaps with "'s"): whether `text` capitalises it as
    capitalised_mid_sentence finds words (after a word or a comma on the same line), and as
    capitalised_before_speech finds them (before one of `verbs`, no auxiliary): the same regexes,
    tried only where the word is (`lower`: `text` in lower case, offset for offset), so that a note is
    not searched whole for every word it might capitalise."""
    mid = speech = False
    before = _before_verbs(verbs, frozenset()) if verbs else None
    i = lower.find(word)
    while i >= 0 and not (mid and (speech or before is None)):
        w = _WORD_FROM.match(text, i).group(0)
        if len(w) > 1 and w[0].isupper() and not w.isupper() and (i == 0 or not _LETTER.match(text, i - 1)) and (
                w.lower() in (word, word + "'s", word + "’s")):
            j = i
            while j and text[j - 1] in " \t":
                j -= 1
            if not mid and j < i and (m := _AFTER_WORD.match(text, j)) and m.start(1) == i:
                mid = True
            if before is not None and not speech:
                speech = _speaks(before, text, i, j)
        i = lower.find(word, i + 1)
    return mid, speech


def _speaks(before: re.Pattern, text: str, i: int, j: int) -> bool:
    """Whether capitalised_before_speech's scan takes the word at `i` (`j`: where the spaces before it
    start) as the first or the second capitalised word before a verb."""
    m = before.match(text, i)
    if m and m.start(1) == i:
        return True
    if j == i:
        return False
    r = j  # the word before: the scan's first start in it that is not inside a word
    while r and _WORD_FROM.fullmatch(text, r - 1, r):
        r -= 1
    for p in range(r, j):
        if p and _LETTER.match(text, p - 1):
            continue
        if (m := before.match(text, p)) is not None:
            return m.start(2) == i
    return False


def at_word_starts(pattern: re.Pattern, text: str) -> Iterator[re.Match]:
    """The matches of `pattern` as if it began with a look-behind for a letter: those not inside a
    word.  (A pattern that begins with the look-behind is tried at every character; one that begins
    with its words, a digit or a capital lets the search skip in C to where a match can start.)"""
    search, pos = pattern.search, 0
    while (m := search(text, pos)) is not None:
        start = m.start()
        if start and _LETTER.match(text, start - 1):
            pos = start + 1  # (inside a word: look again from its next character)
            continue
        yield m
        pos = max(m.end(), start + 1)


class SoftWrapTokenizer:
    """Wraps a spaCy tokenizer: tokenises the unwrapped text, keeps the original on the Doc."""

    def __init__(self, tokenizer):
        self.tokenizer = tokenizer

    def __call__(self, text: str):
        doc = self.tokenizer(unwrap(text))
        doc.user_data["notelint_text"] = text  # the text as read (Doc.text would rebuild it token by token)
        return doc

    def pipe(self, texts, batch_size=1000):
        for text in texts:
            yield self(text)

    def __getattr__(self, name):  # vocab, rules, ... of the wrapped tokenizer
        return getattr(self.tokenizer, name)
