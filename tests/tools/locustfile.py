"""The load test behind `make loadtest` (docs/performance.md): anonymous visitors who search,
filter, open what they found and browse the sections, 0.2–0.6 s between clicks: fifty of them
can ask for about 100 requests a second (at a second between clicks, for 50 at most).

Run against the site as `make serve` starts it, on the benchmark's corpus; every answer must be
a 200. Requests are grouped by kind in the report (`name=`), not by their exact URL.
"""

import random

from locust import HttpUser, between, task

QUERIES = [
    "opvang", "statushouders", "huisvesting", "huisvesting statushouders", "AMV", "azc", "CNO",
    "crisisnoodopvang", "flexwoningen", "inburgering", "taallessen", "gezinshereniging",
    "Oekraïners", "noodopvang sporthal", "werk voor nieuwkomers", "schuldhulpverlening",
    "woning", "huurwoningen gezinnen", "wachtlijsten", "taakstelling", "jongeren", "zorg",
    "buddyproject", "dagbesteding", "schoolplekken", "Vluchtelingenwerk", "COA", "zwaluwnesten",
]  # fmt: skip
FACETS = [
    {},
    {},
    {"thema": "opvang"},
    {"gemeente": "zwolle"},
    {"type": "parel"},
    {"jaar": "2023"},
    {"thema": "huisvesting-statushouders", "gemeente": "deventer"},
    {"type": "besluit", "sort": "date"},
    {"doelgroep": "statushouders", "page": "2"},
]
SECTIONS = ["/parels/", "/knopen/", "/beleidskaders/", "/besluiten/", "/artikelen/"]


class Visitor(HttpUser):
    wait_time = between(0.2, 0.6)

    def on_start(self):
        self.found = []  # URLs of items this visitor's searches showed

    def params(self):
        return {"q": random.choice(QUERIES), **random.choice(FACETS)}

    @task(4)
    def search_api(self):
        response = self.client.get("/api/zoeken/", params=self.params(), name="/api/zoeken/")
        if response.ok:
            self.found = [result["url"] for result in response.json()["results"]] or self.found

    @task(3)
    def search_page(self):
        self.client.get("/zoeken/", params=self.params(), name="/zoeken/")

    @task(3)
    def detail(self):
        if self.found:
            self.client.get(random.choice(self.found), name="detail page")
        else:
            self.search_api()

    @task(1)
    def section(self):
        page = random.choice(["1", "1", "2", "10"])
        self.client.get(random.choice(SECTIONS), params={"page": page}, name="section index")

    @task(1)
    def suggestions(self):
        prefix = random.choice(QUERIES)[:4]
        self.client.get("/api/zoeken/suggesties/", params={"q": prefix}, name="suggestions")
