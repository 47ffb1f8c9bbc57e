"""Oscar's account forms work under the Content-Security-Policy (no inline script)."""

import pytest
from django.contrib.auth import get_user_model


@pytest.mark.django_db
def test_profile_form_cancel_link_needs_no_inline_script(client):
    user = get_user_model().objects.create_user("ada", "ada@example.com", "a-long-password-1")
    client.force_login(user)
    response = client.get("/accounts/profile/edit/")
    html = response.content.decode()
    assert response.status_code == 200
    assert "onclick" not in html
    assert 'href="/accounts/" data-back' in html
