"""The public pages the tests visit: one of each kind, with the demo data."""

PUBLIC_PATHS = [
    "",
    "indicators/",
    "indicators/innovation_share/",
    "indicators/population/",
    "swot/",
    "institutions/",
    "institutions/?kind=fund",
    "institutions/astana_hub/",
    "references/",
    "pages/about/",
    "pages/methodology/",
    "search/?q=астана",
    "compare/?indicator=innovation_share&indicator=enterprises_total",
    "strategies/",
    "initiatives/",
    "initiatives/?instrument=PI013&status=not_stated",
    "initiatives/nur_sultan_city_of_innovation/",
]
LANGUAGES = ["kk", "ru", "en"]
