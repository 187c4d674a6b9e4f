"""Markup to plain text, for places that must carry no HTML at all (feeds)."""

import html
import re

import nh3

# Before each block-level tag a space, so words in adjoining paragraphs stay apart.
BLOCK_TAG = re.compile(r"<(?=/?(?:p|div|br|li|ul|ol|h[1-6]|blockquote|table|tr|td|th)\b)", re.I)


def plain_text(markup):
    """The words of `markup`, without tags and without the content of scripts and styles."""
    text = html.unescape(nh3.clean(BLOCK_TAG.sub(" <", markup or ""), tags=set()))
    return " ".join(text.split())
