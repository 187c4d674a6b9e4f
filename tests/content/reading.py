"""Reading the site's pages as a visitor gets them, for the content tests."""

from wagtail.test.utils import WagtailTestUtils


def soup_of(response):
    return WagtailTestUtils.get_soup(response.content)


def get(client, url, status=200, **params):
    response = client.get(url, params)
    assert response.status_code == status, response.content[:500]
    return soup_of(response)


def fetch(client, page):
    return get(client, page.url)


def text_of(element):
    return " ".join(element.get_text(" ").split())


def titles(soup, selector):
    return [a.get_text(strip=True) for a in soup.select(selector)]


def facet(soup, name):
    """A facet's options: value -> label text."""
    return {
        box["value"]: text_of(soup.find("label", attrs={"for": box["id"]}))
        for box in soup.select(f"input[type=checkbox][name={name}]")
    }
