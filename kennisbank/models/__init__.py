from .accounts import Membership, organisation_of
from .adoption import Adoption
from .base import (
    Attachment,
    KennisItem,
    RelatedItem,
    Visibility,
    standalone_files,
    visible_files,
    visible_pages,
)
from .documents import DocumentText
from .follows import DigestSettings, Follow
from .glossary import Begrip
from .identity import Identity
from .lifecycle import KnoopChange
from .meetings import AgendaPunt, Vergadering, VergaderingIndexPage, upcoming_meetings
from .opgaven import Meting, Opgave
from .pages import (
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
    StatementPage,
)
from .questions import Question
from .reminders import ReviewReminder
from .taxonomy import Doelgroep, Gemeente, KennisItemTag, Organisatie, Thema, Vocabulary

# Every item type by its slug in URLs, search and import.
ITEM_TYPES = {
    model.type_slug: model for model in (Parel, Knoop, Beleidskader, Besluit, Artikel, Vergadering)
}

__all__ = [
    "Adoption",
    "AgendaPunt",
    "ITEM_TYPES",
    "Artikel",
    "ArtikelIndexPage",
    "Attachment",
    "Begrip",
    "Identity",
    "BegrippenPage",
    "Beleidskader",
    "BeleidskaderIndexPage",
    "Besluit",
    "BesluitIndexPage",
    "DigestSettings",
    "Doelgroep",
    "DocumentText",
    "Follow",
    "Gemeente",
    "KennisItem",
    "KennisItemTag",
    "Knoop",
    "KnoopChange",
    "KnoopIndexPage",
    "Membership",
    "Meting",
    "Opgave",
    "Organisatie",
    "Parel",
    "Question",
    "ReviewReminder",
    "ParelIndexPage",
    "RelatedItem",
    "SectionPage",
    "StatementPage",
    "Thema",
    "Vergadering",
    "VergaderingIndexPage",
    "Visibility",
    "Vocabulary",
    "organisation_of",
    "standalone_files",
    "upcoming_meetings",
    "visible_files",
    "visible_pages",
]
