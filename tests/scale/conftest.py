"""Fixtures shared by the staff-page tests: a page and the SQL it ran."""
import pytest


@pytest.fixture
def page_statements(client, record_statements):
    """page_statements(path): the page's HTML and the SQL it ran (lower case, quotes unified)."""

    def get(path):
        with record_statements() as statements:
            response = client.get(path)
        assert response.status_code == 200
        return response.get_data(as_text=True), [s.lower().replace("`", '"') for s in statements]

    return get
