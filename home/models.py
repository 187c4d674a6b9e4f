from wagtail.admin.panels import FieldPanel
from wagtail.fields import RichTextField
from wagtail.models import Page


class HomePage(Page):
    """The one home page: the purpose, the search box and what is new."""

    intro = RichTextField("inleiding", blank=True, features=["bold", "italic", "link"])

    content_panels = Page.content_panels + [FieldPanel("intro")]
    max_count = 1
    parent_page_types = ["wagtailcore.Page"]
    subpage_types = [
        "kennisbank.ParelIndexPage",
        "kennisbank.KnoopIndexPage",
        "kennisbank.BeleidskaderIndexPage",
        "kennisbank.BesluitIndexPage",
        "kennisbank.ArtikelIndexPage",
        "kennisbank.VergaderingIndexPage",
        "kennisbank.BegrippenPage",
        "kennisbank.StatementPage",
    ]
    template = "home/home_page.html"

    class Meta:
        verbose_name = "startpagina"
