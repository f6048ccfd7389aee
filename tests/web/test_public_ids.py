"""#17.15: URLs, forms and the API name cases, users, tokens, contacts, role changes and
signal-list labels by a public id (UUIDv7), never by the integer key that counts up across all
organisations. An old integer URL is a 404; a guessed neighbour too."""

from __future__ import annotations

import re
import uuid

import pytest
from django.db import connection
from django.db.migrations.executor import MigrationExecutor
from django.urls import reverse

from deelwijzer.accounts.models import User
from deelwijzer.api.models import ApiToken
from deelwijzer.api.tokens import api_token_create
from deelwijzer.cases.models import Case
from deelwijzer.disclosures.models import Contact
from deelwijzer.organisations.models import RoleGrant
from deelwijzer.signalling.models import SignalListItem
from tests.api.helpers import ApiClient, token_for
from tests.disclosures.helpers import make_contact, ready_case
from tests.personas import open_case

UUID_TEXT = r"[0-9a-f]{8}-[0-9a-f]{4}-7[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}"


@pytest.fixture
def api_as(client):
    return lambda user: ApiClient(client, token_for(user))


def _v7(value) -> uuid.UUID:
    found = uuid.UUID(str(value))
    assert found.version == 7, value
    return found


def test_every_link_to_a_case_on_the_home_page_carries_its_public_id(personas, client_for):
    page = client_for(personas.professional).get(reverse("dashboard")).content.decode()
    linked = [x for x in re.findall(r'href="/casussen/([^/"]+)/"', page) if x != "nieuw"]
    assert linked == [str(personas.case.public_id)]
    _v7(linked[0])


@pytest.mark.parametrize(
    "path", ["/casussen/{pk}/", "/casussen/{pk}/stap-1/", "/casussen/{pk}/dossier/"]
)
def test_the_old_integer_url_of_a_case_is_404(personas, client_for, path):
    client = client_for(personas.professional)
    assert client.get(path.format(pk=personas.case.public_id)).status_code == 200
    assert client.get(path.format(pk=personas.case.pk)).status_code == 404


def test_the_old_integer_api_path_of_a_case_is_404(personas, api_as):
    client = api_as(personas.professional)
    assert client.get(f"/cases/{personas.case.public_id}").status_code == 200
    assert client.get(f"/cases/{personas.case.pk}").status_code == 404
    assert client.get(f"/cases/{personas.case.pk}/signals").status_code == 404


def test_guessing_the_neighbours_of_a_case_finds_nothing(personas, client_for, api_as):
    """Counting up or down from a case's id, as one would with integers, reaches no case:
    not of the own organisation, not of the other."""
    mine = open_case(personas.professional, personas.organisation, "J-BUUR")
    own = personas.case.public_id
    guesses = {uuid.UUID(int=own.int + step) for step in (-2, -1, 1, 2)}
    assert guesses.isdisjoint(set(Case.objects.values_list("public_id", flat=True)))
    client = client_for(personas.professional)
    for guess in guesses:
        assert client.get(reverse("case_detail", args=[guess])).status_code == 404
    assert client.get(reverse("case_detail", args=[mine.public_id])).status_code == 200
    api = api_as(personas.professional)
    assert all(api.get(f"/cases/{guess}").status_code == 404 for guess in guesses)


def test_two_cases_of_one_organisation_do_not_tell_how_many_others_opened_between(personas):
    """Organisation A opens a case, B opens five, A opens one more: A's two ids differ in
    their random bits by far more than a counter would, so A cannot count B's cases."""
    first = open_case(personas.professional, personas.organisation, "J-EEN")
    for n in range(5):
        open_case(personas.stranger, personas.other_organisation, f"J-B{n}")
    second = open_case(personas.professional, personas.organisation, "J-TWEE")
    assert second.pk - first.pk == 6  # the integer keys would have told
    a, b = _v7(first.public_id), _v7(second.public_id)
    assert a.int >> 80 <= b.int >> 80  # only the time of opening orders them
    random_a, random_b = a.int & (1 << 62) - 1, b.int & (1 << 62) - 1
    assert abs(random_b - random_a) > 2**20


def test_the_api_names_cases_team_members_and_contacts_by_uuid(personas, api_as):
    contact = ready_case(personas)
    client = api_as(personas.professional)
    listed = client.get("/cases").json()["items"]
    assert [_v7(item["id"]) for item in listed] == [personas.case.public_id]
    case = client.get(f"/cases/{listed[0]['id']}").json()
    assert [_v7(m["user_id"]) for m in case["team"]] == [personas.professional.public_id]
    contacts = client.get(f"/cases/{listed[0]['id']}/contacts").json()["items"]
    assert [_v7(c["id"]) for c in contacts] == [contact.public_id]
    assert case["id"] == str(personas.case.public_id)


def test_an_integer_where_the_api_takes_a_public_id_is_422_naming_the_field(personas, api_as):
    client = api_as(personas.professional)
    answer = client.post(
        f"/cases/{personas.case.public_id}/team",
        {"user_id": personas.colleague.pk, "role_on_team": "zorg"},
    )
    assert answer.status_code == 422
    assert "user_id" in answer.content.decode()
    assert not personas.case.team.filter(user=personas.colleague).exists()


def test_a_colleague_added_through_the_api_by_public_id_is_on_the_team(personas, api_as):
    client = api_as(personas.professional)
    answer = client.post(
        f"/cases/{personas.case.public_id}/team",
        {"user_id": str(personas.colleague.public_id), "role_on_team": "zorg"},
    )
    assert answer.status_code == 200, answer.content
    assert str(personas.colleague.public_id) in [m["user_id"] for m in answer.json()["team"]]


def _option_values(page: str, name: str) -> list[str]:
    select = re.search(rf'<select name="{name}".*?</select>', page, re.S)
    assert select is not None, name
    return [v for v in re.findall(r'value="([^"]*)"', select.group(0)) if v]


def _input_values(page: str, name: str) -> list[str]:
    tags = re.findall(rf'<input[^>]*name="{name}"[^>]*>', page)
    return [re.search(r'value="([^"]*)"', tag).group(1) for tag in tags]


def test_the_team_page_offers_colleagues_and_members_by_public_id(personas, client_for):
    page = client_for(personas.professional).get(
        reverse("case_team_add", args=[personas.case.public_id])
    )
    html = page.content.decode()
    assert _option_values(html, "user") == [str(personas.colleague.public_id)]
    assert _option_values(html, "overdracht-user") == [str(personas.colleague.public_id)]
    assert str(personas.colleague.pk) not in _option_values(html, "user")


def test_taking_a_member_off_the_team_names_them_by_public_id(personas, client_for):
    client = client_for(personas.professional)
    url = reverse("case_team_add", args=[personas.case.public_id])
    client.post(url, {"user": personas.colleague.public_id, "role_on_team": "zorg"})
    html = client.get(url).content.decode()
    members = {str(personas.professional.public_id), str(personas.colleague.public_id)}
    assert set(_input_values(html, "user")) == members
    remove = reverse("case_team_remove", args=[personas.case.public_id])
    old = client.post(remove, {"user": personas.colleague.pk, "reason": "Weg."})
    assert old.status_code == 422  # the integer key is no public id: refused, nothing removed
    assert personas.case.team.filter(user=personas.colleague).exists()
    client.post(remove, {"user": personas.colleague.public_id, "reason": "Weg."})
    assert not personas.case.team.filter(user=personas.colleague).exists()


def test_the_recipients_of_step_6_are_offered_by_public_id(personas, client_for):
    contact = ready_case(personas)
    other = make_contact(personas, name="Leerplicht", kind="municipality_aoov")
    page = client_for(personas.professional).get(reverse("step6", args=[personas.case.public_id]))
    values = _option_values(page.content.decode(), "contact")
    assert sorted(values) == sorted([str(contact.public_id), str(other.public_id)])


def test_the_team_members_of_a_conversation_and_an_advice_request_are_offered_by_public_id(
    personas, client_for
):
    client = client_for(personas.professional)
    client.post(
        reverse("case_team_add", args=[personas.case.public_id]),
        {"user": personas.colleague.public_id, "role_on_team": "zorg"},
    )
    step3 = client.get(reverse("step3", args=[personas.case.public_id])).content.decode()
    held_by = _input_values(step3, "held_by")
    assert set(held_by) == {str(personas.professional.public_id), str(personas.colleague.public_id)}
    compose = client.get(reverse("advice_compose", args=[personas.case.public_id]))
    assert _option_values(compose.content.decode(), "adviser_member") == [
        str(personas.colleague.public_id)
    ]


def test_the_admin_pages_name_users_contacts_labels_and_tokens_by_public_id(personas, client_for):
    contact = make_contact(personas)
    label = SignalListItem.objects.create(organisation=personas.organisation, label="Geweld")
    client = client_for(personas.org_admin)
    users = client.get(reverse("admin_users")).content.decode()
    assert reverse("admin_user_edit", args=[personas.colleague.public_id]) in users
    assert f"/beheer/gebruikers/{personas.colleague.pk}/" not in users
    contacts = client.get(reverse("contacts")).content.decode()
    assert reverse("contact_edit", args=[contact.public_id]) in contacts
    listed = client.get(reverse("signal_list")).content.decode()
    assert reverse("signal_list_item", args=[label.public_id]) in listed
    token, _secret = api_token_create(actor=personas.org_admin, name="koppeling")
    tokens = client.get(reverse("api_tokens")).content.decode()
    assert reverse("api_token_revoke", args=[token.public_id]) in tokens
    for integer_url in (
        f"/beheer/gebruikers/{personas.colleague.pk}/",
        f"/beheer/contacten/{contact.pk}/",
        f"/api-sleutels/{token.pk}/intrekken/",
    ):
        assert client.get(integer_url).status_code == 404, integer_url


def test_an_attention_officers_inbox_links_by_the_case_public_id(personas, client_for):
    from deelwijzer.advice.services import ComposeInput, advice_compose, advice_send

    draft = advice_compose(
        actor=personas.professional,
        case_id=personas.case.pk,
        data=ComposeInput(question="Wat denk jij?", adviser_kind="attention_officer"),
    )
    advice_send(
        actor=personas.professional,
        case_id=personas.case.pk,
        key=draft.key,
        text="Een jongere zegt dat hij niet meer naar muziekles wil.",
        expected_version=draft.version,
    )
    inbox = client_for(personas.attention_officer).get(reverse("inbox")).content.decode()
    assert reverse("inbox_answer", args=[personas.case.public_id, draft.key]) in inbox


MODELS = (Case, User, ApiToken, Contact, RoleGrant, SignalListItem)


def test_each_model_whose_id_leaves_the_app_has_a_unique_indexed_fixed_public_id():
    for model in MODELS:
        field = model._meta.get_field("public_id")
        assert field.unique and not field.editable and not field.null, model
        assert _v7(field.default()) != _v7(field.default())


@pytest.mark.django_db(transaction=True)
def test_the_migration_gives_every_existing_row_its_own_public_id(personas):
    ApiToken.objects.create(user=personas.professional, name="oud", prefix="dw_", secret_hash="x")
    make_contact(personas)
    SignalListItem.objects.create(organisation=personas.organisation, label="Geweld")
    RoleGrant.objects.create(organisation=personas.organisation, user=personas.colleague)
    before = [
        ("accounts", "0003_hash_plaintext_recovery_codes"),
        ("api", "0001_initial"),
        ("cases", "0005_merge_identity_versions_and_pseudonym_scope"),
        ("disclosures", "0002_encrypt_at_rest"),
        ("organisations", "0004_role_grant_four_eyes"),
        ("signalling", "0002_encrypt_at_rest"),
    ]
    executor = MigrationExecutor(connection)
    executor.migrate(before)
    try:
        old_apps = executor.loader.project_state(before).apps
        old_case = old_apps.get_model("cases", "Case")
        assert "public_id" not in {f.name for f in old_case._meta.get_fields()}
    finally:  # forward to every app's newest migration, whatever depends on these
        executor = MigrationExecutor(connection)
        executor.migrate(executor.loader.graph.leaf_nodes())
    for model in MODELS:
        ids = list(model.objects.values_list("public_id", flat=True))
        assert ids and all(_v7(public) for public in ids), model
        assert len(set(ids)) == len(ids), model
    assert re.fullmatch(UUID_TEXT, str(Case.objects.first().public_id))
