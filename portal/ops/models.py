from django.db import models
from django.utils.translation import gettext_lazy as _


class ContentVersion(models.Model):
    """One row: the version of the public content that cached answers are kept under (portal.ops.caching).

    In the database, not in a cache, so that every process of every profile reads the same one,
    and it changes in the same transaction as the content it stands for."""

    ROW = 1

    token = models.BigIntegerField(_("token"))

    class Meta:
        verbose_name = _("content version")
        verbose_name_plural = _("content versions")
        default_permissions = ()

    def __str__(self):
        return str(self.token)
