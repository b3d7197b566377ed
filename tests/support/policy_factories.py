"""Factories for the policy (policies/models.py), on the seeded generator of tests/support/factories.py:
valid rows checked by full_clean(), every language filled, numbered keys.

    strategy = policy_factories.strategy(items=[strength, opportunity])          # an SO strategy
    initiative = policy_factories.initiative(strategies=[strategy], responsible=[institution])
    target = policy_factories.target(indicator, region, initiative=initiative, value=20, period="2030",
                                     baseline_value=10, baseline_period="2020")
"""

from decimal import Decimal

from tests.support import factories
from tests.support.factories import _number, _saved

STRATEGIES = [
    ("Ашық бағдарламалар", "Открытые программы", "Open programmes"),
    ("Ересектерді оқыту", "Обучение взрослых", "Adult learning"),
    ("Шағын бизнесті тарту", "Вовлечение малого бизнеса", "Drawing in small firms"),
]
INITIATIVES = [
    ("Инновациялық ваучерлер", "Инновационные ваучеры", "Innovation vouchers"),
    ("Жол картасы", "Дорожная карта", "Road map"),
    ("Венчурлік қор", "Венчурный фонд", "Venture fund"),
]


def strategy(analysis=None, items=(), **fields):
    from policies.models import Strategy

    if analysis is None:
        analysis = items[0].analysis if items else factories.analysis()
    number = _number()
    row = _saved(
        Strategy,
        **{
            "analysis": analysis,
            "key": f"strategy-{number}",
            "order": number,
            **factories._translated("title", STRATEGIES, number),
            "published": True,
            **fields,
        },
    )
    row.items.set(items)
    return row


def initiative(strategies=(), responsible=(), partners=(), terms=(), **fields):
    from policies.models import Initiative, TaxonomyTerm

    number = _number()
    row = _saved(
        Initiative,
        **{
            "key": f"initiative-{number}",
            "kind": Initiative.Kind.PROGRAMME,
            **factories._translated("name", INITIATIVES, number),
            "published": True,
            **fields,
        },
    )
    row.strategies.set(strategies)
    row.responsible_institutions.set(responsible)
    row.partner_institutions.set(partners)
    vocabularies = {
        TaxonomyTerm.Vocabulary.INSTRUMENT_TYPE: row.instrument_types,
        TaxonomyTerm.Vocabulary.THEME: row.themes,
        TaxonomyTerm.Vocabulary.TARGET_GROUP: row.target_groups,
    }
    for term in terms:
        vocabularies[term.vocabulary].add(term)
    return row


def term(vocabulary, code, parent=None, **fields):
    """A STIP taxonomy term; a code's group is made when not given."""
    from policies.models import TaxonomyTerm

    wanted = TaxonomyTerm.PARENT_VOCABULARY.get(vocabulary)
    if wanted is not None and parent is None:
        parent = term(wanted, f"group-{_number()}")
    return _saved(
        TaxonomyTerm,
        **{
            "vocabulary": vocabulary,
            "code": code,
            "parent": parent,
            "name_kk": f"{code} атауы",
            "name_ru": f"Название {code}",
            "name_en": f"Name of {code}",
            **fields,
        },
    )


def target(indicator, region, *, value, period, baseline_period, baseline_value=None, **fields):
    """A published target with a source, set by a new initiative unless `initiative` or `strategy` is given."""
    from policies.models import Target

    if "initiative" not in fields and "strategy" not in fields:
        fields["initiative"] = initiative()
    return _saved(
        Target,
        **{
            "key": f"target-{_number()}",
            "indicator": indicator,
            "region": region,
            "value": Decimal(value),
            "period": period,
            "baseline_value": None if baseline_value is None else Decimal(baseline_value),
            "baseline_period": baseline_period,
            "source": fields.pop("source", None) or factories.reference(),
            "published": True,
            **fields,
        },
    )


def demo_share_target(**fields):
    """On the demo data: the innovation share in Astana was 13.2 % in 2015 and 12.6 % in 2020; a target
    (made up for the tests, no source states one) of 20 % by 2025 from the 2015 observation, set by the
    road map. By hand: half the time gone (60 of 120 months), the straight path at 13.2 + 6.8 x 0.5 = 16.6 %,
    the value fell: moving away, (12.6 - 13.2) / 6.8 = -0.088235 of the way, 7.4 points to go."""
    from indicators.models import Indicator
    from policies.models import Initiative
    from portal.models import Reference, Region

    return target(
        Indicator.objects.get(code="innovation_share"),
        Region.objects.get(code="astana"),
        value="20",
        period="2025",
        baseline_period="2015",
        **{
            "initiative": Initiative.objects.get(key="nur_sultan_city_of_innovation"),
            "source": Reference.objects.get(key="astana_innovations_10years"),
            "key": "innovation-share-2025",
            **fields,
        },
    )
