"""Feed text is plain text: feed readers decode what a feed carries and may render it."""

import feedparser

from kennisbank.models import Parel
from tests.factories import create_item


def test_feed_titles_and_descriptions_carry_no_markup(client, home):
    create_item(
        Parel,
        "Taalcafé <i>in</i> de bibliotheek",
        summary="<p>Elke week</p><p>open.</p><script>alert(1)</script><b>x</b>",
    )
    response = client.get("/feeds/")
    # Not sanitized by the reader: what a careless one would render.
    [entry] = feedparser.parse(response.content, sanitize_html=False).entries
    assert entry.title == "Taalcafé in de bibliotheek"
    assert entry.summary == "Elke week open. x"
    assert "<" not in entry.summary and "alert" not in entry.summary
