"""The public pages the tests visit: one of each kind, with the demo data."""

PUBLIC_PATHS = [
    "",
    "indicators/",
    "indicators/innovation_share/",
    "indicators/population/",
    "indicators/unemployment_rate/",
    "swot/",
    "institutions/",
    "institutions/?kind=fund",
    "institutions/astana_hub/",
    "references/",
    "pages/about/",
    "pages/methodology/",
    "search/?q=астана",
    "compare/?indicator=innovation_share&indicator=enterprises_total",
    "compare/?indicator=innovation_share&indicator=average_monthly_wage",
    "data/",
    "strategies/",
    "initiatives/",
    "initiatives/?instrument=PI013&status=not_stated",
    "initiatives/nur_sultan_city_of_innovation/",
]
LANGUAGES = ["kk", "ru", "en"]
# Pages without the site's frame (no menu, no language switcher): shown inside other sites.
FRAMELESS_PATHS = ["indicators/innovation_share/embed/", "indicators/population/embed/"]
