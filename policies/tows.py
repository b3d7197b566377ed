"""The TOWS matrix (Weihrich 1982): a strategy pairs an internal quadrant of the SWOT analysis
(strengths or weaknesses) with an external one (opportunities or threats), and its type follows.

SO: use strengths to take opportunities; ST: use strengths against threats;
WO: take opportunities to overcome weaknesses; WT: reduce weaknesses and avoid threats.
"""

from django.db import models
from django.utils.translation import gettext_lazy as _

INTERNAL = {"strength": "S", "weakness": "W"}
EXTERNAL = {"opportunity": "O", "threat": "T"}


class TowsType(models.TextChoices):
    SO = "SO", _("SO: strengths to take opportunities")
    ST = "ST", _("ST: strengths against threats")
    WO = "WO", _("WO: opportunities to overcome weaknesses")
    WT = "WT", _("WT: reduce weaknesses, avoid threats")


def tows_type(quadrants):
    """The TOWS type of a strategy whose SWOT items lie in `quadrants`, or None when they do not
    name exactly one internal and one external quadrant."""
    quadrants = set(quadrants)
    internal = {INTERNAL[q] for q in quadrants if q in INTERNAL}
    external = {EXTERNAL[q] for q in quadrants if q in EXTERNAL}
    if len(internal) != 1 or len(external) != 1:
        return None
    return TowsType(internal.pop() + external.pop())


def tows_problem(quadrants):
    """Why items in `quadrants` give a strategy no TOWS type, or None when they give one."""
    quadrants = set(quadrants)
    internal = quadrants & set(INTERNAL)
    external = quadrants & set(EXTERNAL)
    if len(internal) > 1:
        return _("Its SWOT items mix strengths and weaknesses: a strategy answers one of the two.")
    if len(external) > 1:
        return _("Its SWOT items mix opportunities and threats: a strategy answers one of the two.")
    if not internal or not external:
        return _("A strategy pairs SWOT items of two quadrants: a strength or weakness with an opportunity or threat.")
    return None
