"""The library's search and filters."""

from rabat.forms import SearchForm
from rabat.library import FACETS


class LibraryForm(SearchForm):
    """The searched text (`q`, checked as the site search's) and the facets'
    values as sent: the library keeps only values that some document has, so
    a bad one never gives an error, nor spoils the rest."""

    def selected(self) -> dict[str, str]:
        return {name: self.data.get(name, "") for name in FACETS}
