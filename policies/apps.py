from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PoliciesConfig(AppConfig):
    name = "policies"
    verbose_name = _("Policy")
    # Import resources in load order (portal.content): the code lists first, targets last.
    content_resources = [
        ("sdg_goals", "policies.resources.SdgGoalResource"),
        ("sdg_targets", "policies.resources.SdgTargetResource"),
        ("policy_terms", "policies.resources.TaxonomyTermResource"),
        ("strategies", "policies.resources.StrategyResource"),
        ("initiatives", "policies.resources.InitiativeResource"),
        ("targets", "policies.resources.TargetResource"),
    ]
