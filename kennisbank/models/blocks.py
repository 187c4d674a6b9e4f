"""The one block set for the body of every kennisbank item."""

from django.core.exceptions import BadRequest
from wagtail import blocks


class FormStreamBlock(blocks.StreamBlock):
    """A stream whose form data lacks its counts or orders was not sent by the editor's page:
    a 400, never a 500."""

    def value_from_datadict(self, data, files, prefix):
        try:
            return super().value_from_datadict(data, files, prefix)
        except (KeyError, ValueError) as error:
            raise BadRequest(
                "Het formulier is onvolledig verstuurd; laad de pagina opnieuw."
            ) from error


class HeadingBlock(blocks.CharBlock):
    class Meta:
        icon = "title"
        template = "blocks/heading.html"
        label = "Tussenkop"
        description = "Een tussenkop die de tekst in delen verdeelt."
        preview_value = "Aanpak in drie stappen"


class ParagraphBlock(blocks.RichTextBlock):
    def __init__(self, **kwargs):
        super().__init__(features=["bold", "italic", "link", "ol", "ul", "document-link"], **kwargs)

    class Meta:
        icon = "pilcrow"
        template = "blocks/paragraph.html"
        label = "Alinea"
        description = "Lopende tekst met opmaak en links."
        preview_value = "<p>De gemeente vond met de corporatie woonruimte voor statushouders.</p>"


class QuoteBlock(blocks.StructBlock):
    text = blocks.TextBlock(label="Citaat")
    source = blocks.CharBlock(label="Bron (rol of organisatie)", required=False)

    class Meta:
        icon = "openquote"
        template = "blocks/quote.html"
        label = "Citaat"
        description = "Een uitspraak van een rol of organisatie."
        preview_value = {"text": "Niet iedereen hoeft het wiel uit te vinden.", "source": "RRVIJ"}


class BodyBlock(FormStreamBlock):
    heading = HeadingBlock()
    paragraph = ParagraphBlock()
    quote = QuoteBlock()


class DecisionPointBlock(blocks.TextBlock):
    class Meta:
        icon = "tick"
        template = "blocks/decision_point.html"
        label = "Besluitpunt"
        description = "Eén punt waartoe besloten is."
        preview_value = "In te stemmen met het instellen van de regionale regietafel."


class DecisionPointsBlock(FormStreamBlock):
    point = DecisionPointBlock()
