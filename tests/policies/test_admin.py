"""Editors keep the policy in the admin: every page answers, publishing goes through the service and
refuses a target without a source, history and the translation report cover the new texts."""

from django.urls import reverse

from policies.models import Initiative, Target
from tests.support import factories, policy_factories
from tests.support.admin import change_url


def a_target(**fields):
    return policy_factories.target(
        factories.indicator(),
        factories.region(),
        value=20,
        period="2030",
        baseline_period="2020",
        baseline_value=10,
        **fields,
    )


def test_every_admin_page_of_a_target_answers(db, editor_client):
    target = a_target()
    for action in ("change", "history", "delete"):
        assert editor_client.get(change_url(target, action)).status_code == 200, action
    initiative = target.initiative
    assert target.key in editor_client.get(change_url(initiative), HTTP_ACCEPT_LANGUAGE="en").content.decode()


def test_publishing_refuses_targets_without_a_source_and_records_the_others_in_the_history(db, editor_client):
    sourced = a_target(published=False)
    unsourced = a_target(published=False, source=None)
    Target.objects.filter(pk=unsourced.pk).update(source=None)
    response = editor_client.post(
        reverse("admin:policies_target_changelist"),
        {"action": "publish", "_selected_action": [sourced.pk, unsourced.pk]},
        HTTP_ACCEPT_LANGUAGE="en",
        follow=True,
    )
    html = response.content.decode()
    assert f"1 target was not published: it has no source ({unsourced.key})." in html
    assert "1 item published." in html
    assert Target.objects.get(pk=sourced.pk).published
    assert not Target.objects.get(pk=unsourced.pk).published
    assert sourced.history.latest().history_change_reason == "published"


def test_an_editors_change_to_an_initiative_is_in_its_history_field_by_field(db, editor_client, editor):
    initiative = policy_factories.initiative(name_en="Vouchers")
    initiative.name_en = "Innovation vouchers"
    initiative._change_reason = "clearer name"
    initiative.save()
    html = editor_client.get(change_url(initiative, "history"), HTTP_ACCEPT_LANGUAGE="en").content.decode()
    assert "clearer name" in html
    assert [h.name_en for h in initiative.history.order_by("history_date")] == ["Vouchers", "Innovation vouchers"]


def test_the_translation_report_covers_the_policys_texts(db, editor_client):
    initiative = policy_factories.initiative(name_kk="", description_en="Only in English.")
    strategy = policy_factories.strategy(text_ru="Только по-русски.")
    html = editor_client.get(reverse("translation_report"), HTTP_ACCEPT_LANGUAGE="en").content.decode()
    missing = html.split('id="missing"')[1].split('id="stale"')[0]
    assert change_url(initiative) in missing and change_url(strategy) in missing
    assert str(Initiative._meta.verbose_name) in missing and "description" in missing and "text" in missing
