from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CultureConfig(AppConfig):
    name = "amity.culture"
    label = "culture"
    verbose_name = _("Culture and time")
