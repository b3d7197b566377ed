"""The test factories (tests/support/factories.py) keep their promise: valid rows in every language, and the
same seed gives the same data. (Tests of the tests' own tools; here because the rows are mostly the core's.)"""

from decimal import Decimal

from django.db import transaction

from tests.support import factories

LANGUAGES = ("kk", "ru", "en")


def build():
    """A bit of everything, described by natural keys, texts and values."""
    region = factories.region()
    share = factories.derived_indicator(decimals=1)
    series = factories.observation_series(share.numerator, region) + factories.observation_series(share, region)
    institution = factories.institution(region=region, references=[factories.reference()])
    analysis = factories.analysis(region=region)
    item = factories.item(analysis=analysis, indicators=[share], institutions=[institution])
    return [
        (region.natural_key(), region.name_kk, region.name_ru, region.name_en),
        (share.natural_key(), share.name_en, share.numerator.unit_ru, share.theme.name_kk),
        [(o.natural_key(), o.value) for o in series],
        (institution.natural_key(), institution.kind, institution.name_ru, institution.founded_year),
        (analysis.natural_key(), analysis.year, analysis.title_en),
        (item.natural_key(), item.quadrant, item.title_kk),
        factories.rng().random(),
    ]


def built_from(seed):
    with transaction.atomic():
        factories.reseed(seed)
        described = build()
        transaction.set_rollback(True)
    return described


def test_the_same_seed_gives_the_same_rows_and_another_seed_other_ones(db):
    assert built_from(7) == built_from(7)
    assert built_from(7) != built_from(8)


def test_every_test_starts_from_the_default_seed(db):
    with transaction.atomic():
        as_the_fixture_left_it = build()
        transaction.set_rollback(True)
    assert as_the_fixture_left_it == built_from(factories.DEFAULT_SEED)


def test_rows_have_every_language_and_values_as_their_indicator_publishes_them(db):
    share = factories.derived_indicator(decimals=1)
    rows = [share, share.numerator, share.theme, factories.region(), factories.institution()]
    for row in rows:
        assert all(getattr(row, f"name_{language}") for language in LANGUAGES), row
    titled = [factories.reference(), factories.analysis(), factories.item()]
    for row in titled:
        assert all(getattr(row, f"title_{language}") for language in LANGUAGES), row
    for observation in factories.observation_series(share, low=1, high=999):
        assert observation.value == observation.value.quantize(Decimal("0.1"))
        assert Decimal("0.1") <= observation.value <= Decimal("99.9")
    for observation in factories.observation_series(share.numerator, low=5, high=5):
        assert observation.value == 5
