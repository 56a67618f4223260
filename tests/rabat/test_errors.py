import pytest
from django.test import RequestFactory
from django.utils import translation
from django.views.defaults import server_error

pytestmark = pytest.mark.django_db


def test_not_found_page_is_translated_and_in_the_layout(client):
    response = client.get("/fr/no-such-page/")
    assert response.status_code == 404
    content = response.content.decode()
    assert "Page introuvable" in content
    assert 'class="site-header"' in content
    response = client.get("/en/no-such-page/")
    assert "Page not found" in response.content.decode()


def test_forbidden_page_is_translated(client):
    from tests.factories import UserFactory

    client.force_login(UserFactory())
    response = client.get("/fr/focal-points/")
    assert response.status_code == 403
    assert "Accès refusé" in response.content.decode()


def test_server_error_page_renders_without_a_request_context():
    with translation.override("fr"):
        response = server_error(RequestFactory().get("/fr/"))
    assert response.status_code == 500
    content = response.content.decode()
    assert "Erreur du serveur" in content
    assert 'class="site-header"' in content
