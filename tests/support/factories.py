"""Small factories for the tests: valid rows, every language filled, natural keys, repeatable data.

Each function saves one row (or a series) after `full_clean()`, so a factory that
builds something the models refuse fails at once, in the test that asked for it.
Codes, slugs and keys are numbered, so rows never collide; words, kinds and values
come from one seeded generator, so the same test gets the same data on every run:
the autouse fixture `seeded_factories` (tests/conftest.py) calls `reseed()` before
each test, and a test that wants other data calls `reseed(its_own_seed)`.

    region = factories.region()
    share = factories.derived_indicator(decimals=1)            # numerator / denominator × 100
    factories.observation_series(share.numerator, region, ["2020", "2021"], values=[1320, 1410])
"""

import itertools
import random
from decimal import Decimal

DEFAULT_SEED = 2021

# (kk, ru, en): each row's names are one choice of these, numbered so that they stay unique.
PLACES = [
    ("Астана", "Астана", "Astana"),
    ("Алматы", "Алматы", "Almaty"),
    ("Шымкент", "Шымкент", "Shymkent"),
    ("Қарағанды", "Караганда", "Karaganda"),
    ("Ақтөбе", "Актобе", "Aktobe"),
]
THEMES = [
    ("Инновациялар", "Инновации", "Innovation"),
    ("Білім", "Образование", "Education"),
    ("Еңбек", "Труд", "Labour"),
    ("Экономика", "Экономика", "Economy"),
]
COUNTS = [
    ("Кәсіпорындар саны", "Число предприятий", "Number of enterprises"),
    ("Халық саны", "Численность населения", "Population"),
    ("Мектептер саны", "Число школ", "Number of schools"),
    ("Жұмыспен қамтылғандар", "Численность занятых", "Employed persons"),
]
UNITS = [("бірлік", "единиц", "units"), ("адам", "человек", "people")]
INSTITUTIONS = [
    ("Технопарк", "Технопарк", "Technology park"),
    ("Университет", "Университет", "University"),
    ("Даму қоры", "Фонд развития", "Development fund"),
]
SWOT_ITEMS = [
    ("Жас халық", "Молодое население", "Young population"),
    ("Инфрақұрылым тапшылығы", "Нехватка инфраструктуры", "Lack of infrastructure"),
    ("Цифрлық қызметтер", "Цифровые услуги", "Digital services"),
    ("Білікті кадрлардың кетуі", "Отток кадров", "Brain drain"),
]
FAMILIES = ["Mukhamedzhanova", "Abenov", "Ivanova", "Smith", "Nurpeisova"]


class _State:
    def __init__(self, seed):
        self.reset(seed)

    def reset(self, seed):
        self.random = random.Random(seed)
        self.numbers = itertools.count(1)


_state = _State(DEFAULT_SEED)


def reseed(seed=DEFAULT_SEED):
    """Start the generator and the numbering again: after `reseed(s)` the same calls give the same rows."""
    _state.reset(seed)


def rng(seed=None):
    """The factories' seeded generator (reseeded first when `seed` is given), for a test's own random choices."""
    if seed is not None:
        reseed(seed)
    return _state.random


def _number():
    return next(_state.numbers)


def _translated(field, words, number=None):
    """{field_kk: …, field_ru: …, field_en: …} from one (kk, ru, en) choice of `words`."""
    kk, ru, en = _state.random.choice(words)
    suffix = f" {number}" if number is not None else ""
    return {f"{field}_kk": kk + suffix, f"{field}_ru": ru + suffix, f"{field}_en": en + suffix}


def _saved(model, **fields):
    row = model(**fields)
    row.full_clean()
    row.save()
    return row


def region(**fields):
    from portal.models import Region

    number = _number()
    return _saved(
        Region,
        **{"code": f"region-{number}", "kind": Region.Kind.CITY, **_translated("name", PLACES, number), **fields},
    )


def reference(**fields):
    from portal.models import Reference

    number = _number()
    family = _state.random.choice(FAMILIES)
    year = _state.random.randint(1995, 2024)
    return _saved(
        Reference,
        **{
            "key": f"{family.lower()}{year}-{number}",
            "kind": _state.random.choice(Reference.Kind.values),
            "authors": f"{family}, A.",
            "year": year,
            "title_kk": f"Қаланың инновациялық дамуы {number}",
            "title_ru": f"Инновационное развитие города {number}",
            "title_en": f"Innovative development of the city {number}",
            **fields,
        },
    )


def theme(**fields):
    from indicators.models import Theme

    number = _number()
    return _saved(
        Theme, **{"code": f"theme-{number}", "order": number, **_translated("name", THEMES, number), **fields}
    )


def indicator(theme=None, numerator=None, denominator=None, scale=None, **fields):
    """A published count (no decimals, unit in every language), or derived when given numerator/denominator/scale."""
    from indicators.models import Indicator

    number = _number()
    words = {**_translated("name", COUNTS, number), **_translated("unit", UNITS)}
    return _saved(
        Indicator,
        **{
            "code": f"indicator-{number}",
            "theme": theme or _a_theme(),
            "decimals": 0,
            "min_value": Decimal(0),
            "published": True,
            "numerator": numerator,
            "denominator": denominator,
            "scale": scale,
            **words,
            **fields,
        },
    )


def derived_indicator(numerator=None, denominator=None, scale=100, decimals=1, **fields):
    """numerator / denominator × scale, a share in % by default; the two counts are made when not given."""
    numerator = numerator or indicator()
    denominator = denominator or indicator(theme=numerator.theme)
    number = _number()
    return indicator(
        **{
            "theme": numerator.theme,
            "numerator": numerator,
            "denominator": denominator,
            "scale": Decimal(scale),
            "decimals": decimals,
            "code": f"share-{number}",
            "name_kk": f"{numerator.name_kk} үлесі",
            "name_ru": f"Доля: {numerator.name_ru}",
            "name_en": f"Share of {numerator.name_en}",
            "unit_kk": "%",
            "unit_ru": "%",
            "unit_en": "%",
            **fields,
        }
    )


def observation_series(indicator, region=None, periods=None, values=None, low=1, high=10_000):
    """One observation per period (years 2015… by default); values given, or drawn with the indicator's decimals."""
    from indicators.models import Observation

    region = region or _a_region()
    if periods is None:
        periods = [str(year) for year in range(2015, 2015 + (len(values) if values is not None else 5))]
    if values is None:
        step = Decimal(1).scaleb(-indicator.decimals)
        values = [Decimal(_state.random.randint(low, high)) * step for _period in periods]
    return [
        _saved(Observation, indicator=indicator, region=region, period=period, value=Decimal(value))
        for period, value in zip(periods, values, strict=True)
    ]


def institution(region=None, references=(), **fields):
    from portal.models import Institution

    number = _number()
    row = _saved(
        Institution,
        **{
            "slug": f"institution-{number}",
            "kind": _state.random.choice(Institution.Kind.values),
            "region": region,
            "founded_year": _state.random.randint(1990, 2024),
            "published": True,
            **_translated("name", INSTITUTIONS, number),
            **fields,
        },
    )
    row.references.set(references)
    return row


def analysis(region=None, **fields):
    from swot.models import Analysis

    region = region or _a_region()
    year = fields.pop("year", _state.random.randint(2015, 2024))
    return _saved(
        Analysis,
        **{
            "slug": f"{region.code}-{year}-{_number()}",
            "region": region,
            "year": year,
            "title_kk": f"{region.name_kk}: SWOT-талдау {year}",
            "title_ru": f"{region.name_ru}: SWOT-анализ {year}",
            "title_en": f"{region.name_en}: SWOT analysis {year}",
            "published": True,
            **fields,
        },
    )


def item(analysis=None, indicators=(), institutions=(), references=(), **fields):
    from swot.models import Item

    number = _number()
    row = _saved(
        Item,
        **{
            "analysis": analysis or _an_analysis(),
            "key": f"item-{number}",
            "quadrant": _state.random.choice(Item.Quadrant.values),
            "order": number,
            **_translated("title", SWOT_ITEMS, number),
            **fields,
        },
    )
    row.indicators.set(indicators)
    row.institutions.set(institutions)
    row.references.set(references)
    return row


# For the factories whose parameters share a factory's name (indicator(theme=…) and the like).
def _a_theme():
    return theme()


def _a_region():
    return region()


def _an_analysis():
    return analysis()
