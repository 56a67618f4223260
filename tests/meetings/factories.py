"""factory_boy factories for the meetings calendar."""

import datetime

import factory
from django.core.files.base import ContentFile
from django.utils import timezone

from meetings.models import (
    AgendaItem,
    Delegate,
    Meeting,
    MeetingDocument,
    MeetingType,
    Registration,
)
from tests.factories import CountryFactory, UserFactory
from tests.files import pdf_bytes

PDF_BYTES = pdf_bytes()


class MeetingFactory(factory.django.DjangoModelFactory):
    """A published one-day thematic meeting, thirty days from today."""

    class Meta:
        model = Meeting
        skip_postgeneration_save = True

    slug = factory.Sequence(lambda n: f"meeting-{n}")
    title_fr = factory.Sequence(lambda n: f"Réunion {n}")
    title_en = factory.Sequence(lambda n: f"Meeting {n}")
    meeting_type = MeetingType.THEMATIC
    start_date = factory.LazyFunction(
        lambda: timezone.localdate() + datetime.timedelta(days=30)
    )
    end_date = factory.LazyAttribute(lambda meeting: meeting.start_date)
    city_fr = "Dakar"
    city_en = "Dakar"
    host_country = factory.SubFactory(CountryFactory)
    summary_fr = "Le résumé de la réunion."
    summary_en = "The summary of the meeting."

    @factory.post_generation
    def co_chairs(self, create, extracted, **kwargs):
        if create and extracted:
            self.co_chairs.set(extracted)

    @factory.post_generation
    def themes(self, create, extracted, **kwargs):
        if create and extracted:
            self.themes.set(extracted)


class AgendaItemFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = AgendaItem

    meeting = factory.SubFactory(MeetingFactory)
    title_fr = factory.Sequence(lambda n: f"Session {n}")
    title_en = factory.Sequence(lambda n: f"Session {n}")
    position = factory.Sequence(lambda n: n)


class MeetingDocumentFactory(factory.django.DjangoModelFactory):
    """A small public PDF in French."""

    class Meta:
        model = MeetingDocument

    meeting = factory.SubFactory(MeetingFactory)
    title_fr = factory.Sequence(lambda n: f"Document {n}")
    title_en = factory.Sequence(lambda n: f"Document {n}")
    language = "fr"
    file = factory.LazyFunction(lambda: ContentFile(PDF_BYTES, name="document.pdf"))
    original_name = "document.pdf"
    content_type = "application/pdf"
    size = len(PDF_BYTES)


class RegistrationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Registration

    meeting = factory.SubFactory(MeetingFactory)
    user = factory.SubFactory(UserFactory)


class DelegateFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Delegate

    registration = factory.SubFactory(RegistrationFactory)
    name = factory.Faker("name")
    function = "Director of migration"
