"""factory_boy factories for the library."""

import factory

from library.models import Document, DocumentKind


class DocumentFactory(factory.django.DjangoModelFactory):
    """A published text of the library, without a file."""

    class Meta:
        model = Document
        skip_postgeneration_save = True

    slug = factory.Sequence(lambda n: f"text-{n}")
    title_fr = factory.Sequence(lambda n: f"Texte {n}")
    title_en = factory.Sequence(lambda n: f"Text {n}")
    kind = DocumentKind.OTHER
    year = 2010
    summary_fr = "Un texte du dialogue."
    summary_en = "A text of the dialogue."

    @factory.post_generation
    def themes(self, create, extracted, **kwargs):
        if create and extracted:
            self.themes.set(extracted)

    @factory.post_generation
    def countries(self, create, extracted, **kwargs):
        if create and extracted:
            self.countries.set(extracted)
