from kennisbank.models import Parel, Visibility
from tests.factories import create_item


def test_create_network_item_gets_login_restriction(home, client):
    item = create_item(Parel, "Proef", visibility=Visibility.NETWORK, themes=["Zorg"], tags=["x"])
    assert item.themes.count() == 1
    r = client.get(item.url)
    assert r.status_code == 302
