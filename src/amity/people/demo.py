"""The people part of the demo: organizations and contacts in 26 countries, with names in
their own scripts and order, valid phone numbers and legal identifiers, and the languages
and zones people there actually have. Deterministic for a given seed."""

import random
import re
from dataclasses import dataclass

import phonenumbers

from amity.core.demo import DemoContext
from amity.core.text import fold
from amity.culture.countries import country_time_zones
from amity.people import services
from amity.people.contracts import (
    ContactData,
    EmailData,
    IdentifierData,
    OrganizationData,
    PhoneData,
    RoleData,
)
from amity.people.identifiers import InvalidIdentifier, identifier_compact
from amity.people.models import Channel, Industry, SizeBand
from amity.people.names import romanized


@dataclass(frozen=True)
class Market:
    country: str
    faker_locale: str
    languages: tuple[str, ...]
    weight: int
    scheme: str = ""  # an identifier scheme with (length, prefix) to generate
    length: int = 0
    prefix: str = ""
    # A form of address as a person might ask for it: {given} / {family} filled in.
    address_female: str = ""
    address_male: str = ""


MARKETS = [
    Market("TH", "th_TH", ("th", "en"), 14, "th_tin", 13, "", "คุณ{given}", "คุณ{given}"),
    Market("PL", "pl_PL", ("pl", "en"), 12, "pl_nip", 10, "", "Pani {given}", "Panie {given}"),
    Market("JP", "ja_JP", ("ja",), 8, "jp_cn", 13, "", "{family}様", "{family}様"),
    Market("SA", "ar_SA", ("ar", "en"), 5),
    Market("AE", "ar_SA", ("ar", "en"), 3),
    Market("IL", "he_IL", ("he", "en"), 3, "il_hp", 9, "5"),
    Market("US", "en_US", ("en",), 8, "us_ein", 9, "12", "Ms. {family}", "Mr. {family}"),
    Market("BR", "pt_BR", ("pt-BR",), 6, "br_cnpj", 14, "", "Sra. {given}", "Sr. {given}"),
    Market("IN", "en_IN", ("en-IN", "hi"), 5),
    Market("DE", "de_DE", ("de",), 4, "de_vat", 9, "", "Frau {family}", "Herr {family}"),
    Market("FR", "fr_FR", ("fr",), 3, "fr_siren", 9, "", "Madame {family}", "Monsieur {family}"),
    Market("GB", "en_GB", ("en-GB",), 3, "gb_vat", 9),
    Market("MX", "es_MX", ("es-MX",), 3),
    Market("CN", "zh_CN", ("zh-Hans",), 3),
    Market("KR", "ko_KR", ("ko",), 3, "kr_brn", 10),
    Market("VN", "vi_VN", ("vi",), 3),
    Market("ID", "id_ID", ("id",), 3),
    Market("TR", "tr_TR", ("tr",), 2, "tr_vkn", 10),
    Market("EG", "ar_SA", ("ar",), 2),
    Market("IT", "it_IT", ("it",), 2, "it_iva", 11),
    Market("ES", "es_ES", ("es",), 2),
    Market("CA", "en_CA", ("en-CA", "fr-CA"), 2, "ca_bn", 9),
    Market("AR", "es_AR", ("es-AR",), 1),
    Market("NL", "nl_NL", ("nl", "en"), 1),
    Market("CZ", "cs_CZ", ("cs",), 1),
    Market("UA", "uk_UA", ("uk", "en"), 1),
]
CHANNEL_HABITS = [
    (Channel.EMAIL, Channel.PHONE),
    (Channel.PHONE, Channel.CHAT),
    (Channel.CHAT, Channel.EMAIL),
    (Channel.EMAIL, Channel.VIDEO),
    (Channel.IN_PERSON, Channel.PHONE),
]


def _identifier(market: Market, rnd: random.Random) -> tuple[IdentifierData, ...]:
    """A random number that passes the scheme's check digits (about 1 in 11 tries does)."""
    if not market.scheme:
        return ()
    for _try in range(400):
        body = market.prefix + "".join(
            rnd.choice("0123456789") for _ in range(market.length - len(market.prefix))
        )
        try:
            identifier_compact(market.scheme, body)
        except InvalidIdentifier:
            continue
        return (IdentifierData(market.scheme, body),)
    return ()


def _phone(country: str, rnd: random.Random) -> str:
    """A valid mobile number of the country (its example number with new last digits)."""
    example = phonenumbers.example_number_for_type(
        country, phonenumbers.PhoneNumberType.MOBILE
    ) or phonenumbers.example_number(country)
    national = str(example.national_number)
    for _try in range(50):
        digits = national[:-4] + "".join(rnd.choice("0123456789") for _ in range(4))
        candidate = phonenumbers.parse(f"+{example.country_code}{digits}")
        if phonenumbers.is_valid_number(candidate):
            return phonenumbers.format_number(candidate, phonenumbers.PhoneNumberFormat.E164)
    return phonenumbers.format_number(example, phonenumbers.PhoneNumberFormat.E164)


def _mailbox(given: str, family: str, language: str, rnd: random.Random) -> str:
    local = ".".join(
        part
        for part in (
            # Latin letters folded: "Przemysław" writes "przemyslaw", not "przemysaw".
            (romanized(given, language=language) or fold(given)).lower(),
            (romanized(family, language=language) or fold(family)).lower(),
        )
        if part
    )
    local = "".join(c for c in local if c.isascii() and (c.isalnum() or c == "."))
    local = re.sub(r"\.{2,}", ".", local)  # "Hans-D. Freudenberger" must not give "d..f"
    return (local.strip(".") or f"contact{rnd.randrange(10**6)}")[:40]


def _weighted_markets(rnd: random.Random, count: int) -> list[Market]:
    return rnd.choices(MARKETS, weights=[m.weight for m in MARKETS], k=count)


def demo_book_of_business(context: DemoContext) -> None:
    """Organizations (one per ~8 contacts) and ``context.contacts`` contacts worldwide."""
    rnd = random.Random(context.seed)
    users = context.created.get("users", [])
    from faker import Faker  # only the demo needs it: keep it out of every process's memory

    fakers: dict[str, Faker] = {}

    def faker(market: Market) -> Faker:
        if market.faker_locale not in fakers:
            fakers[market.faker_locale] = Faker(market.faker_locale)
            fakers[market.faker_locale].seed_instance(context.seed)
        return fakers[market.faker_locale]

    organizations: dict[str, list] = {}
    for market in _weighted_markets(rnd, max(1, context.contacts // 8)):
        fake = faker(market)
        name = fake.company()
        domain = _mailbox(name.split()[0], "", market.languages[0], rnd).replace(".", "")
        organization = services.organization_create(
            actor=None,
            actor_label="demo",
            data=OrganizationData(
                name=name,
                name_latin=romanized(name, language=market.languages[0].split("-")[0]).title(),
                industry=rnd.choice(Industry.values),
                size_band=rnd.choice(SizeBand.values),
                country=market.country,
                city=fake.city(),
                postal_code=fake.postcode(),
                street=fake.street_address(),
                website=f"https://www.{domain or 'example'}.example",
                owner_id=rnd.choice(users).pk if users else None,
                identifiers=_identifier(market, rnd),
                tags=tuple(rnd.sample(["key account", "partner", "prospect", "vip"], k=1)),
            ),
        )
        organizations.setdefault(market.country, []).append(organization)
    everywhere = [o for group in organizations.values() for o in group]
    contacts = []
    for index, market in enumerate(_weighted_markets(rnd, context.contacts)):
        fake = faker(market)
        female = rnd.random() < 0.5
        given = fake.first_name_female() if female else fake.first_name_male()
        family = fake.last_name()
        language = market.languages[0].split("-")[0]
        pattern = market.address_female if female else market.address_male
        employer = rnd.choice(organizations.get(market.country) or everywhere)
        zones = country_time_zones(market.country)
        contact = services.contact_create(
            actor=None,
            actor_label="demo",
            data=ContactData(
                given_name=given,
                family_name=family,
                # Recorded only when the person asked for it (about a third of them).
                form_of_address=(
                    pattern.format(given=given, family=family)
                    if pattern and rnd.random() < 0.35
                    else ""
                ),
                languages=market.languages,
                country=market.country,
                # Several zones (US, BR, MX...): the demo records the one the person lives in.
                timezone=rnd.choice(zones) if len(zones) > 1 else "",
                emails=(
                    EmailData(
                        f"{_mailbox(given, family, language, rnd)}{index}@"
                        f"{employer.website.split('www.')[-1]}",
                        "work",
                    ),
                ),
                phones=(PhoneData(_phone(market.country, rnd), "mobile"),),
                preferred_channels=rnd.choice(CHANNEL_HABITS),
                do_not_contact=rnd.random() < 0.03,
                owner_id=rnd.choice(users).pk if users else None,
                roles=(RoleData(employer.pk, fake.job()[:150]),),
                tags=tuple(rnd.sample(["newsletter", "event 2026", "beta", "referral"], k=1)),
            ),
        )
        contacts.append(contact)
    context.created["organizations"] = everywhere
    context.created["contacts"] = contacts
    context.counts["organizations"] = len(everywhere)
    context.counts["contacts"] = len(contacts)
