"""Text preparation that keeps every character offset unchanged."""
from __future__ import annotations

import re

# A line break inside a sentence (text wrapped at a fixed width) is read as a
# space, so "why she doesn't just\nleave him" matches like the unwrapped text.
# Breaks that end a sentence, precede a heading ("Children: 2") or a bullet,
# or form a blank line are kept: they separate items in headed forms.
_SOFT_BREAK = re.compile(r"(?<=[^\s.!?:;])[ \t]*\n(?![ \t]*(?:\n|[-*•·]|\d+[.)]\s|[A-Z][\w '&/()-]{0,30}:))")


def unwrap(text: str) -> str:
    if "\n" not in text:
        return text
    out = _SOFT_BREAK.sub(lambda m: " " * len(m.group()), text)
    return out


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
