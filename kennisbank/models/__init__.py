from .base import Attachment, KennisItem, RelatedItem, Visibility, visible_pages
from .documents import DocumentText
from .glossary import Begrip
from .pages import (
    ITEM_TYPES,
    Artikel,
    ArtikelIndexPage,
    BegrippenPage,
    Beleidskader,
    BeleidskaderIndexPage,
    Besluit,
    BesluitIndexPage,
    Knoop,
    KnoopIndexPage,
    Parel,
    ParelIndexPage,
    SectionPage,
)
from .taxonomy import Doelgroep, Gemeente, KennisItemTag, Organisatie, Thema, Vocabulary

__all__ = [
    "ITEM_TYPES",
    "Artikel",
    "ArtikelIndexPage",
    "Attachment",
    "Begrip",
    "BegrippenPage",
    "Beleidskader",
    "BeleidskaderIndexPage",
    "Besluit",
    "BesluitIndexPage",
    "Doelgroep",
    "DocumentText",
    "Gemeente",
    "KennisItem",
    "KennisItemTag",
    "Knoop",
    "KnoopIndexPage",
    "Organisatie",
    "Parel",
    "ParelIndexPage",
    "RelatedItem",
    "SectionPage",
    "Thema",
    "Visibility",
    "Vocabulary",
    "visible_pages",
]
