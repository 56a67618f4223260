"""Bad values in the query string never give a 500, on any URL, for any role.

Every URL of the access matrix is requested, as every role, with a fixed set
of parameters that views commonly read (and the URL's own) set to hostile
values, each parameter a different one. That request also records which
parameters the view reads; a view that reads any (for a role it does not
refuse) then gets each bad value in all of them, those it read included.
A failure names the role, the URL, the parameter and the value. The data is
the access matrix's, built once for the module (one test per role); NUL
bytes only fail on PostgreSQL.
"""

from contextlib import contextmanager
from unittest import mock
from urllib.parse import parse_qsl, quote, urlsplit

import pytest
from django.http import QueryDict

from tests.conftest import ROLES, make_user
from tests.factories import ContactFactory
from tests.files import close_file_response
from tests.test_access_matrix import (  # noqa: F401 - matrix_data, matrix_rows are fixtures
    LOGIN,
    full_matrix,
    log_in,
    matrix_data,
    matrix_rows,
)

COMMON_PARAMETERS = {
    "q",
    "page",
    "sort",
    "o",
    "year",
    "month",
    "day",
    "theme",
    "country",
    "region",
    "role",
    "type",
    "status",
    "language",
    "lang",
    "next",
    "quote",
    "format",
    "e",
}
# Query-string text for each bad value: already percent-encoded, so that
# invalid UTF-8 reaches the view as it would from a browser.
BAD_VALUES = {
    "NUL": quote("a\x00b"),
    "10,000 characters": "x" * 10_000,
    "negative": "-1",
    "huge number": "9" * 30,
    "non-numeric": "abc",
    "a digit int() refuses": quote("²"),
    "invalid UTF-8 (C3 28)": "%C3%28",
    "invalid UTF-8 (FF)": "%FF",
}
# What the access matrix expects when a view refuses a role.
REFUSED = {LOGIN, 403, 404}


@contextmanager
def parameters_read():
    """The names of the query parameters read while the block runs ("*" if
    the query was read as a whole: copied, iterated, encoded)."""
    names = set()

    def by_name(method):
        def read(self, key, *args, **kwargs):
            names.add(key)
            return method(self, key, *args, **kwargs)

        return read

    def whole(method):
        def read(self, *args, **kwargs):
            names.add("*")
            return method(self, *args, **kwargs)

        return read

    patches = [
        mock.patch.object(QueryDict, name, by_name(getattr(QueryDict, name)))
        for name in ("__getitem__", "get", "getlist", "__contains__")
    ] + [
        mock.patch.object(QueryDict, name, whole(getattr(QueryDict, name)))
        for name in ("copy", "items", "lists", "keys", "urlencode", "__iter__")
    ]
    for patch in patches:
        patch.start()
    try:
        yield names
    finally:
        for patch in patches:
            patch.stop()


def fetch(client, url):
    """The response's status, or the exception the view raised."""
    try:
        response = client.get(url)
    except Exception as error:
        return repr(error)
    if response.streaming:
        close_file_response(response)
    return response.status_code


def with_parameters(url, values):
    """`url` with its query parameters set to `values` (name: encoded value)."""
    path, _, query = url.partition("?")
    pairs = [
        f"{quote(name)}={quote(raw)}"
        for name, raw in parse_qsl(query)
        if name not in values
    ]
    pairs += [f"{quote(name)}={value}" for name, value in sorted(values.items())]
    return f"{path}?{'&'.join(pairs)}"


def is_failure(result):
    return not isinstance(result, int) or result >= 500


@pytest.mark.parametrize("role", ROLES)
def test_bad_query_values_never_give_a_500(client, matrix_data, role):  # noqa: F811
    access = full_matrix()
    matrix = {name: build(matrix_data) for name, (build, _) in sorted(access.items())}
    user = make_user(role)
    if user is not None:
        ContactFactory(user=user)
    labels = list(BAD_VALUES)
    failures = []

    def check(name, values):
        """Request with `values`; on a failure, find which parameter fails."""
        log_in(client, user)
        with parameters_read() as read:
            result = fetch(client, with_parameters(matrix[name], values))
        if is_failure(result):
            for parameter, value in sorted(values.items()):
                log_in(client, user)
                result = fetch(
                    client, with_parameters(matrix[name], {parameter: value})
                )
                if is_failure(result):
                    label = labels[list(BAD_VALUES.values()).index(value)]
                    failures.append(f"{role} {name} ?{parameter}= {label}: {result}")
        return read

    for name, url in matrix.items():
        expected = access[name][1]
        names = COMMON_PARAMETERS | {key for key, _ in parse_qsl(urlsplit(url).query)}
        # First every parameter gets a different bad value, which also shows
        # which parameters the view reads (for this role).
        read = check(
            name,
            {
                parameter: BAD_VALUES[labels[index % len(labels)]]
                for index, parameter in enumerate(sorted(names))
            },
        )
        # A refused role's query only travels into the login link.
        if expected[role] in REFUSED or not read:
            continue
        # The view reads its query: each bad value in every parameter.
        names |= read - {"*"}
        for value in BAD_VALUES.values():
            check(name, dict.fromkeys(names, value))
    assert not failures, f"{len(failures)} failures:\n" + "\n".join(failures)
