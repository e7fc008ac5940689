"""Legal identifiers of organizations (tax numbers, registry numbers, VAT numbers).

The one place that maps an identifier scheme to the python-stdnum module that knows its check
digits. Values are stored compacted (no spaces, dashes or country prefix where stdnum drops
it), so "PL 526-000-12-46" and "5260001246" are the same identifier.
"""

import importlib
from dataclasses import dataclass
from functools import cache
from types import ModuleType

from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy
from stdnum.exceptions import ValidationError as StdnumError


@dataclass(frozen=True)
class Scheme:
    code: str
    label: str
    module: str  # python-stdnum module
    country: str  # ISO 3166-1 alpha-2, "" for multinational schemes (EU VAT)


# Each label names the identifier as people in that country call it.
SCHEMES: dict[str, Scheme] = {
    s.code: s
    for s in [
        Scheme("pl_nip", _("Polish tax number (NIP)"), "stdnum.pl.nip", "PL"),
        Scheme("pl_regon", _("Polish business registry number (REGON)"), "stdnum.pl.regon", "PL"),
        Scheme("th_tin", _("Thai taxpayer identification number"), "stdnum.th.tin", "TH"),
        Scheme("jp_cn", _("Japanese corporate number"), "stdnum.jp.cn", "JP"),
        Scheme("cn_uscc", _("Chinese unified social credit code"), "stdnum.cn.uscc", "CN"),
        Scheme("kr_brn", _("Korean business registration number"), "stdnum.kr.brn", "KR"),
        Scheme("vn_mst", _("Vietnamese tax code (MST)"), "stdnum.vn.mst", "VN"),
        Scheme("id_npwp", _("Indonesian tax number (NPWP)"), "stdnum.id.npwp", "ID"),
        Scheme("in_gstin", _("Indian GST identification number"), "stdnum.in_.gstin", "IN"),
        Scheme("in_pan", _("Indian permanent account number"), "stdnum.in_.pan", "IN"),
        Scheme("il_hp", _("Israeli company number"), "stdnum.il.hp", "IL"),
        Scheme("tr_vkn", _("Turkish tax number (VKN)"), "stdnum.tr.vkn", "TR"),
        Scheme("eg_tn", _("Egyptian tax registration number"), "stdnum.eg.tn", "EG"),
        Scheme("eu_vat", _("EU VAT number"), "stdnum.eu.vat", ""),
        Scheme("de_vat", _("German VAT number"), "stdnum.de.vat", "DE"),
        Scheme("fr_siren", _("French company number (SIREN)"), "stdnum.fr.siren", "FR"),
        Scheme("fr_tva", _("French VAT number"), "stdnum.fr.tva", "FR"),
        Scheme("es_cif", _("Spanish company tax number (CIF)"), "stdnum.es.cif", "ES"),
        Scheme("it_iva", _("Italian VAT number (Partita IVA)"), "stdnum.it.iva", "IT"),
        Scheme("gb_vat", _("UK VAT number"), "stdnum.gb.vat", "GB"),
        Scheme("us_ein", _("US employer identification number"), "stdnum.us.ein", "US"),
        Scheme("ca_bn", _("Canadian business number"), "stdnum.ca.bn", "CA"),
        Scheme("br_cnpj", _("Brazilian company number (CNPJ)"), "stdnum.br.cnpj", "BR"),
        Scheme("mx_rfc", _("Mexican tax number (RFC)"), "stdnum.mx.rfc", "MX"),
        Scheme("ar_cuit", _("Argentine tax number (CUIT)"), "stdnum.ar.cuit", "AR"),
    ]
}

SCHEME_CHOICES = [(s.code, s.label) for s in SCHEMES.values()]
OTHER = pgettext_lazy("identifier scheme", "Other")


@cache
def _module(code: str) -> ModuleType:
    return importlib.import_module(SCHEMES[code].module)


class InvalidIdentifier(ValueError):
    """The value is not a valid identifier of the scheme (or the scheme is unknown)."""


def identifier_compact(scheme: str, value: str) -> str:
    """The validated, compacted value ("526-000-12-46" -> "5260001246") or InvalidIdentifier."""
    if scheme not in SCHEMES:
        raise InvalidIdentifier(scheme)
    module = _module(scheme)
    try:
        return module.validate(value)
    except StdnumError as error:
        raise InvalidIdentifier(value) from error


def identifier_format(scheme: str, value: str) -> str:
    """The value as people write it ("526-000-12-46"); the stored form when stdnum has none."""
    if scheme not in SCHEMES:
        return value
    module = _module(scheme)
    formatter = getattr(module, "format", None)
    try:
        return formatter(value) if formatter else value
    except StdnumError:
        return value


def scheme_label(scheme: str) -> str:
    found = SCHEMES.get(scheme)
    return str(found.label) if found else scheme
