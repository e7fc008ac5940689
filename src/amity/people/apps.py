from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PeopleConfig(AppConfig):
    name = "amity.people"
    label = "people"
    verbose_name = _("Contacts and organizations")

    def ready(self) -> None:
        from amity.core import demo
        from amity.people.demo import demo_book_of_business

        demo.register(20, "people", demo_book_of_business)
