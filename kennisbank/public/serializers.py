"""How the API (kennisbank/public/api.py) shows vocabularies, linked items and attachments.
Linked items and attachments are shown only as far as the requesting user may see them.

The models name these in their `api_fields`, so this module is imported with the models;
Wagtail's API modules need the models loaded, so they are imported where they are used."""

from rest_framework import serializers

LINK_FIELDS = ["id", "type", "detail_url", "html_url", "title"]
LINK_META = ["type", "detail_url", "html_url"]
ATTACHMENT_FIELDS = ["id", "type", "detail_url", "download_url", "title", "file_extension"]
ATTACHMENT_META = ["type", "detail_url", "download_url"]


class VocabularySerializer(serializers.Serializer):
    """A theme, municipality, target group, organisation or tag: its name and its slug."""

    name = serializers.CharField()
    slug = serializers.CharField()


class BegripSerializer(serializers.Serializer):
    """A glossary entry."""

    term = serializers.CharField()
    slug = serializers.CharField()
    abbreviation = serializers.CharField()
    definition = serializers.CharField()
    synonyms = serializers.ListField(source="synonym_list", child=serializers.CharField())


class VisibleItemsField(serializers.Field):
    """Items linked to this one (a KennisItemQuerySet relation): only those the user may see,
    each as Wagtail shows a linked page."""

    def get_attribute(self, instance):
        return getattr(instance, self.source).all()

    def to_representation(self, items):
        from wagtail.api.v2.serializers import PageSerializer, get_serializer_class

        from kennisbank.privacy import Viewer

        viewer = Viewer.of(self.context["request"])
        items = items.visible_to(viewer).specific().order_by("title")
        return [
            get_serializer_class(type(item), LINK_FIELDS, LINK_META, base=PageSerializer)(
                context=self.context
            ).to_representation(item)
            for item in items
        ]


class AttachmentsField(serializers.Field):
    """The item's attachments, without those in a collection the user may not open."""

    def get_attribute(self, instance):
        return instance.attachments.select_related("document")

    def to_representation(self, attachments):
        from wagtail.api.v2.serializers import get_serializer_class
        from wagtail.api.v2.utils import get_restricted_collection_ids
        from wagtail.documents.api.v2.serializers import DocumentSerializer

        restricted = get_restricted_collection_ids(self.context["request"])
        documents = [a.document for a in attachments if a.document.collection_id not in restricted]
        return [
            get_serializer_class(
                type(document), ATTACHMENT_FIELDS, ATTACHMENT_META, base=DocumentSerializer
            )(context=self.context).to_representation(document)
            for document in documents
        ]


class AdoptionsField(serializers.Field):
    """Where a Parel is applied (the adoption register), on a Parel the user may see; the notes
    only for the network (kennisbank.privacy.sees_adoption_notes)."""

    def get_attribute(self, instance):
        return instance.adoptions.select_related("gemeente", "organisation")

    def to_representation(self, adoptions):
        from kennisbank.privacy import Viewer, sees_adoption_notes

        with_notes = sees_adoption_notes(Viewer.of(self.context["request"]))
        return [
            {
                "gemeente": adoption.gemeente and VocabularySerializer(adoption.gemeente).data,
                "organisatie": VocabularySerializer(adoption.organisation).data,
                "datum": adoption.date.isoformat(),
                **({"toelichting": adoption.note} if with_notes else {}),
            }
            for adoption in adoptions
        ]


class AgendaField(serializers.Field):
    """A meeting's agenda in order, as far as the user may see it (Vergadering.agenda_for):
    each item's subject, its linked page, the proposal and the outcome."""

    def get_attribute(self, instance):
        return instance

    def to_representation(self, meeting):
        from wagtail.api.v2.serializers import PageSerializer, get_serializer_class

        from kennisbank.privacy import Viewer

        agenda = []
        for point, item in meeting.agenda_for(Viewer.of(self.context["request"])):
            link = None
            if item is not None:
                serializer = get_serializer_class(
                    type(item), LINK_FIELDS, LINK_META, base=PageSerializer
                )
                link = serializer(context=self.context).to_representation(item)
            agenda.append(
                {
                    "subject": point.subject,
                    "item": link,
                    "proposal": point.proposal,
                    "outcome_kind": point.outcome_kind,
                    "escalation_level": point.escalation_level,
                    "outcome": point.outcome,
                    "visibility": point.visibility,
                }
            )
        return agenda
