"""factory_boy factories for the Rabat Review's tests."""

import io

import factory
from django.core.files.base import ContentFile
from django.utils import timezone
from PIL import Image

from newsletter.models import (
    Article,
    Campaign,
    CampaignStatus,
    Delivery,
    DeliveryStatus,
    Issue,
    Subscriber,
    SubscriberStatus,
)
from tests.files import pdf_bytes

PDF_BYTES = pdf_bytes()
HTML_BYTES = b"<!DOCTYPE html><html><script>alert(1)</script></html>"


def png_bytes() -> bytes:
    output = io.BytesIO()
    Image.new("RGB", (4, 3), "#0b4f6c").save(output, format="PNG")
    return output.getvalue()


class IssueFactory(factory.django.DjangoModelFactory):
    """A published issue, with its texts in French and English."""

    class Meta:
        model = Issue

    number = factory.Sequence(lambda n: 100 + n)
    period_fr = "Juillet\u2013septembre 2013"
    period_en = "July\u2013September 2013"
    title_fr = factory.Sequence(lambda n: f"Numéro {n} en français")
    title_en = factory.Sequence(lambda n: f"Issue {n} in English")
    introduction_fr = "Bienvenue dans ce **numéro** de la Revue."
    introduction_en = "Welcome to this **issue** of the Review."
    published_at = factory.LazyFunction(timezone.now)

    class Params:
        with_cover = factory.Trait(
            cover_image=factory.LazyFunction(
                lambda: ContentFile(png_bytes(), name="cover.png")
            )
        )
        with_pdf = factory.Trait(
            pdf_fr=factory.LazyFunction(lambda: ContentFile(PDF_BYTES, name="fr.pdf")),
            pdf_en=factory.LazyFunction(lambda: ContentFile(PDF_BYTES, name="en.pdf")),
        )


class DraftIssueFactory(IssueFactory):
    """An issue being composed: not in the archive yet."""

    published_at = None


class ArticleFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Article

    issue = factory.SubFactory(IssueFactory)
    position = factory.Sequence(lambda n: n)
    title_fr = factory.Sequence(lambda n: f"Article {n} en français")
    title_en = factory.Sequence(lambda n: f"Article {n} in English")
    body_fr = "Le corps de l'article."
    body_en = "The body of the article."

    class Params:
        with_image = factory.Trait(
            image=factory.LazyFunction(
                lambda: ContentFile(png_bytes(), name="image.png")
            ),
            image_description_fr="Une salle de réunion",
            image_description_en="A meeting room",
        )


class SubscriberFactory(factory.django.DjangoModelFactory):
    """A confirmed subscriber reading French."""

    class Meta:
        model = Subscriber

    email = factory.Sequence(lambda n: f"reader{n}@example.org")
    language = "fr"
    status = SubscriberStatus.CONFIRMED
    consented_at = factory.LazyFunction(timezone.now)
    confirmed_at = factory.LazyFunction(timezone.now)


class CampaignFactory(factory.django.DjangoModelFactory):
    """A campaign that has started sending."""

    class Meta:
        model = Campaign

    issue = factory.SubFactory(IssueFactory)
    status = CampaignStatus.SENDING
    started_at = factory.LazyFunction(timezone.now)


class DeliveryFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Delivery

    campaign = factory.SubFactory(CampaignFactory)
    subscriber = factory.SubFactory(SubscriberFactory)
    language = factory.LazyAttribute(lambda delivery: delivery.subscriber.language)
    status = DeliveryStatus.SENT
