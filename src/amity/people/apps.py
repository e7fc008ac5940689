from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PeopleConfig(AppConfig):
    name = "amity.people"
    label = "people"
    verbose_name = _("Contacts and organizations")

    def ready(self) -> None:
        from amity.core import demo, search
        from amity.people.demo import demo_book_of_business
        from amity.people.search_documents import CONTACT
        from amity.people.selectors import contact_ids_with
        from amity.people.sensitive import register_store

        demo.register(20, "people", demo_book_of_business)
        # A whole email or phone in the search box or a list's q: an indexed equality.
        search.exact_finder_register(CONTACT, contact_ids_with)
        register_store()  # key rotation re-encrypts sensitive custom values
