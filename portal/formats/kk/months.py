"""Month names as they stand inside a Kazakh date: in lower case (2021 ж. 1 тамыз).

Django's own Kazakh catalogue capitalises them (Тамыз). These strings put the
"alt. month" forms, which the `E` date format uses, into our catalogue, whose
translations take precedence over Django's (LOCALE_PATHS).
"""

from django.utils.translation import pgettext_lazy

MONTHS_IN_DATES = [
    pgettext_lazy("alt. month", "January"),
    pgettext_lazy("alt. month", "February"),
    pgettext_lazy("alt. month", "March"),
    pgettext_lazy("alt. month", "April"),
    pgettext_lazy("alt. month", "May"),
    pgettext_lazy("alt. month", "June"),
    pgettext_lazy("alt. month", "July"),
    pgettext_lazy("alt. month", "August"),
    pgettext_lazy("alt. month", "September"),
    pgettext_lazy("alt. month", "October"),
    pgettext_lazy("alt. month", "November"),
    pgettext_lazy("alt. month", "December"),
]
