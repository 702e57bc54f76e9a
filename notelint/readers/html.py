"""Rich-text note bodies from CRMs: HTML stripped to the text a reader sees."""
from __future__ import annotations

import re
from html.parser import HTMLParser

_LOOKS_HTML = re.compile(r"<(p|br|div|span|b|i|u|em|strong|li|ul|ol|table|tr|td|font|h[1-6])\b[^>]*>|&(nbsp|amp|lt|gt|quot|#\d+);",
                         re.IGNORECASE)
_BLOCK = {"p", "div", "br", "li", "tr", "h1", "h2", "h3", "h4", "h5", "h6", "ul", "ol", "table", "blockquote"}


def looks_like_html(text: str) -> bool:
    """True for a body with HTML tags or entities ("<p>", "<br/>", "&nbsp;"), not for "a < b"."""
    return ("<" in text or "&" in text) and _LOOKS_HTML.search(text) is not None


class _Text(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self.skip = 0

    def handle_starttag(self, tag, attrs):
        if tag in ("script", "style"):
            self.skip += 1
        elif tag in _BLOCK:
            self._break()

    def handle_endtag(self, tag):
        if tag in ("script", "style"):
            self.skip = max(0, self.skip - 1)
        elif tag in _BLOCK and tag != "br":
            self._break()

    def handle_data(self, data):
        if not self.skip:
            self.parts.append(data.replace("\xa0", " "))

    def _break(self):
        if self.parts and not self.parts[-1].endswith("\n"):
            self.parts.append("\n")


def strip_html(text: str) -> str:
    """The visible text of an HTML fragment: block elements become line breaks, entities decoded."""
    parser = _Text()
    parser.feed(text)
    parser.close()
    return re.sub(r"\n{3,}", "\n\n", "".join(parser.parts)).strip()
