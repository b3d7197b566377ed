"""SDMX-ML 2.1 Structure message for the portal's observations (standard library only).

build_structure_xml() returns the bytes of one self-contained structure message:
code lists, a concept scheme, the data structure definition (DSD) and the dataflow, with
names in every language given (xml:lang en/ru/kk). Serve it as
"application/vnd.sdmx.structure+xml; version=2.1".

Everything is maintained by one agency (`agency`) and carries one `version`, so the
artefacts can be referenced as AGENCY:ID(VERSION), which is exactly what the SDMX-CSV
DATAFLOW / STRUCTURE_ID column holds.

Components (IDs are SDMX cross-domain concept IDs except INDICATOR and SOURCE_DETAIL):

    dimensions   FREQ, INDICATOR, REF_AREA, TIME_PERIOD (time dimension)
    measure      OBS_VALUE
    attributes   UNIT_MEASURE, UNIT_MULT, DECIMALS          series level (FREQ, INDICATOR, REF_AREA)
                 OBS_STATUS, COMMENT_OBS, SOURCE_DETAIL     observation level
"""

import re
import xml.etree.ElementTree as ET

from django.utils import translation
from django.utils.translation import gettext_lazy as _

from portal.languages import language_codes

NS = {
    "mes": "http://www.sdmx.org/resources/sdmxml/schemas/v2_1/message",
    "str": "http://www.sdmx.org/resources/sdmxml/schemas/v2_1/structure",
    "com": "http://www.sdmx.org/resources/sdmxml/schemas/v2_1/common",
}
XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"
for _prefix, _uri in NS.items():
    ET.register_namespace(_prefix, _uri)

MEDIA_TYPE = "application/vnd.sdmx.structure+xml; version=2.1"

# Order of the key: FREQ first is the usual SDMX convention (ECB, Eurostat, IMF, OECD).
DIMENSIONS = ["FREQ", "INDICATOR", "REF_AREA"]
TIME_DIMENSION = "TIME_PERIOD"
PRIMARY_MEASURE = "OBS_VALUE"
SERIES_ATTRIBUTES = ["UNIT_MEASURE", "UNIT_MULT", "DECIMALS"]
OBSERVATION_ATTRIBUTES = ["OBS_STATUS", "COMMENT_OBS", "SOURCE_DETAIL"]
# Column order of SDMX-CSV = component order of the DSD (dimensions, measure, attributes).
COMPONENTS = DIMENSIONS + [TIME_DIMENSION, PRIMARY_MEASURE] + SERIES_ATTRIBUTES + OBSERVATION_ATTRIBUTES

# The codes of SDMX:CL_FREQ and SDMX:CL_OBS_STATUS that the portal uses, with names.
FREQ_NAMES = {
    "A": _("Annual"),
    "S": _("Half-yearly, semester"),
    "Q": _("Quarterly"),
    "M": _("Monthly"),
    "W": _("Weekly"),
    "D": _("Daily"),
}
OBS_STATUS_NAMES = {
    "A": _("Normal value"),
    "B": _("Time series break"),
    "E": _("Estimated value"),
    "P": _("Provisional value"),
}
UNIT_MULT_NAMES = {
    0: _("Units"),
    3: _("Thousands"),
    6: _("Millions"),
    9: _("Billions"),
}

# Names of the concepts, code lists and artefacts. Override any entry through
# build_structure_xml(language_labels=...): {key: {lang: text}}.
DEFAULT_LABELS = {
    "FREQ": _("Frequency"),
    "INDICATOR": _("Indicator"),
    "REF_AREA": _("Reference area"),
    "TIME_PERIOD": _("Time period"),
    "OBS_VALUE": _("Observation value"),
    "UNIT_MEASURE": _("Unit of measure"),
    "UNIT_MULT": _("Unit multiplier"),
    "DECIMALS": _("Decimals"),
    "OBS_STATUS": _("Observation status"),
    "COMMENT_OBS": _("Observation comment"),
    "SOURCE_DETAIL": _("Source of the observation"),
    "CL_FREQ": _("Frequency"),
    "CL_INDICATOR": _("Indicators"),
    "CL_AREA": _("Regions and cities"),
    "CL_UNIT_MEASURE": _("Units of measure"),
    "CL_UNIT_MULT": _("Unit multiplier"),
    "CL_DECIMALS": _("Decimals"),
    "CL_OBS_STATUS": _("Observation status"),
    "CL_SOURCE": _("Sources"),
    "concept_scheme": _("Concepts"),
    "dsd": _("City innovation statistics"),
    "dataflow": _("City innovation statistics"),
    "sender": _("City innovation statistics portal"),
}


def in_every_language(text):
    """{language: text} of a translated interface string, for the message's com:Name elements."""
    names = {}
    for code in language_codes():
        with translation.override(code):
            names[code] = str(text)
    return names


def names_by_code(names):
    return {code: in_every_language(text) for code, text in names.items()}


# SDMX ID types (SDMXCommonReferences.xsd): codes / components, and agency IDs.
ID_RE = re.compile(r"[A-Za-z0-9_@$\-]+")
AGENCY_RE = re.compile(r"[A-Za-z][A-Za-z0-9_\-]*(\.[A-Za-z][A-Za-z0-9_\-]*)*")
VERSION_RE = re.compile(r"[0-9]+(\.[0-9]+)*")


def frequency_of(period):
    """SDMX FREQ code (SDMX:CL_FREQ) from an SDMX TIME_PERIOD value.

    2020 / 2020-A1 -> A, 2020-S1 -> S, 2021-Q2 -> Q, 2021-08 / 2021-M08 -> M,
    2021-W05 -> W, 2021-08-01 / 2021-D213 -> D. Anything else (time ranges, date-times)
    raises ValueError: add it deliberately rather than guess.
    """
    for pattern, code in (
        (r"\d{4}(-A1)?", "A"),
        (r"\d{4}-S[12]", "S"),
        (r"\d{4}-Q[1-4]", "Q"),
        (r"\d{4}-(0[1-9]|1[0-2])|\d{4}-M(0[1-9]|1[0-2])", "M"),
        (r"\d{4}-W(0[1-9]|[1-4][0-9]|5[0-3])", "W"),
        (r"\d{4}-(0[1-9]|1[0-2])-(0[1-9]|[12][0-9]|3[01])|\d{4}-D[0-3][0-9]{2}", "D"),
    ):
        if re.fullmatch(pattern, period):
            return code
    raise ValueError(f"no SDMX frequency for period {period!r}")


def _check_id(value, what):
    if not isinstance(value, str) or not ID_RE.fullmatch(value):
        raise ValueError(f"{what} {value!r} is not a valid SDMX ID ([A-Za-z0-9_@$-]+)")
    return value


def _items(items, default_names, what):
    """[(code, {lang: name}, {lang: description})] from str codes, (code, names) pairs or dicts."""
    result = []
    for item in items:
        if isinstance(item, (str, int)):
            code, names, descriptions = str(item), default_names.get(item) or default_names.get(str(item)), {}
            if not names:
                raise ValueError(f"no names known for {what} code {item!r}; pass (code, names)")
        elif isinstance(item, dict):
            code, names, descriptions = str(item["code"]), item["names"], item.get("descriptions") or {}
        else:
            code, names = item
            code, descriptions = str(code), {}
        _check_id(code, what)
        result.append((code, {k: v for k, v in names.items() if v}, {k: v for k, v in descriptions.items() if v}))
    codes = [code for code, _, _ in result]
    if len(set(codes)) != len(codes):
        raise ValueError(f"duplicate {what} codes: {sorted(c for c in set(codes) if codes.count(c) > 1)}")
    return result


class _Builder:
    def __init__(self, agency, version, labels, final):
        self.agency, self.version, self.labels, self.final = agency, version, labels, final

    @staticmethod
    def el(parent, tag, attrib=None, text=None):
        prefix, _, name = tag.rpartition(":")
        element = ET.SubElement(parent, f"{{{NS[prefix]}}}{name}" if prefix else name, attrib or {})
        if text is not None:
            element.text = text
        return element

    def texts(self, parent, tag, by_language):
        # Order: English first (a common default for tools), then the rest as given.
        for lang in sorted(by_language, key=lambda lang: (lang != "en",)):
            self.el(parent, tag, {XML_LANG: lang}, by_language[lang])

    def names(self, parent, key_or_names, descriptions=None):
        names = self.labels[key_or_names] if isinstance(key_or_names, str) else key_or_names
        if not names:
            raise ValueError(f"a name is required ({key_or_names!r})")
        self.texts(parent, "com:Name", names)
        if descriptions:
            self.texts(parent, "com:Description", descriptions)

    def maintainable(self, parent, tag, artefact_id, label_key):
        element = self.el(
            parent,
            tag,
            {
                "id": artefact_id,
                "agencyID": self.agency,
                "version": self.version,
                "isFinal": "true" if self.final else "false",
            },
        )
        self.names(element, label_key)
        return element

    def ref(self, parent, artefact_id, package, cls, **extra):
        attrib = {
            "id": artefact_id,
            "agencyID": self.agency,
            "version": self.version,
            "package": package,
            "class": cls,
        }
        attrib.update(extra)
        return self.el(parent, "Ref", attrib)

    def codelist(self, parent, codelist_id, items):
        codelist = self.maintainable(parent, "str:Codelist", codelist_id, codelist_id)
        for code, names, descriptions in items:
            self.names(self.el(codelist, "str:Code", {"id": code}), names, descriptions)


def build_structure_xml(
    agency,
    dataflow_id,
    version,
    indicators,
    regions,
    units,
    frequencies,
    statuses,
    language_labels=None,
    *,
    sources=None,
    unit_multipliers=None,
    decimals=None,
    prepared=None,
    message_id=None,
    final=False,
):
    """Bytes of an SDMX-ML 2.1 Structure message (UTF-8, with XML declaration).

    agency         maintenance agency ID, e.g. "KZ_CITYSTAT" (NCName: letter first, no spaces)
    dataflow_id    e.g. "CITY_INNOVATION"; the DSD is DSD_<id>, the concept scheme CS_<id>
    version        e.g. "1.0.0" (valid in SDMX 2.1, and the semantic form SDMX 3.0 requires)
    indicators     [{"code", "names": {lang: text}, "descriptions": {lang: text}}] -> CL_INDICATOR
    regions        [{"code", "names"}] -> CL_AREA (used by REF_AREA)
    units          [{"code", "names"}] -> CL_UNIT_MEASURE
    frequencies    FREQ codes, e.g. ["A", "Q", "M", "D"] (names built in), or (code, names)
    statuses       OBS_STATUS codes, e.g. ["A", "P", "E", "B"] (names built in), or (code, names)
    language_labels  {key: {lang: text}} overriding DEFAULT_LABELS (concept IDs, CL_* IDs,
                   "concept_scheme", "dsd", "dataflow", "sender")
    sources        optional [{"code", "names"}]: if given, SOURCE_DETAIL is coded (CL_SOURCE,
                   names = citations); otherwise it is free text
    unit_multipliers  powers of ten for CL_UNIT_MULT (default 0, 3, 6, 9)
    decimals       codes for CL_DECIMALS (default 0..6)
    final          isFinal on every artefact. Default False: the code lists grow with the
                   portal's indicators, regions and sources while the version stays the same,
                   and a final SDMX artefact must never change (a change needs a new version).
    """
    if not AGENCY_RE.fullmatch(agency or ""):
        raise ValueError(f"agency {agency!r} is not an SDMX NCName ID")
    if not VERSION_RE.fullmatch(version or ""):
        raise ValueError(f"version {version!r} is not an SDMX version")
    _check_id(dataflow_id, "dataflow ID")
    labels = names_by_code(DEFAULT_LABELS)
    for key, value in (language_labels or {}).items():
        labels.setdefault(key, {}).update(value)
    b = _Builder(agency, version, labels, final)

    multipliers = sorted(set(unit_multipliers if unit_multipliers is not None else UNIT_MULT_NAMES))
    multiplier_names = {m: in_every_language(UNIT_MULT_NAMES.get(m, f"10^{m}")) for m in multipliers}
    codelists = {
        "CL_FREQ": _items(frequencies, names_by_code(FREQ_NAMES), "FREQ"),
        "CL_INDICATOR": _items(indicators, {}, "indicator"),
        "CL_AREA": _items(regions, {}, "region"),
        "CL_UNIT_MEASURE": _items(units, {}, "unit"),
        "CL_UNIT_MULT": _items(multipliers, multiplier_names, "UNIT_MULT"),
        "CL_DECIMALS": _items(
            [(str(d), {"en": str(d)}) for d in sorted(set(decimals if decimals is not None else range(7)))],
            {},
            "DECIMALS",
        ),
        "CL_OBS_STATUS": _items(statuses, names_by_code(OBS_STATUS_NAMES), "OBS_STATUS"),
    }
    if sources is not None:
        codelists["CL_SOURCE"] = _items(sources, {}, "source")
    enumerated = {
        "FREQ": "CL_FREQ",
        "INDICATOR": "CL_INDICATOR",
        "REF_AREA": "CL_AREA",
        "UNIT_MEASURE": "CL_UNIT_MEASURE",
        "UNIT_MULT": "CL_UNIT_MULT",
        "DECIMALS": "CL_DECIMALS",
        "OBS_STATUS": "CL_OBS_STATUS",
    }
    if sources is not None:
        enumerated["SOURCE_DETAIL"] = "CL_SOURCE"
    text_formats = {
        "TIME_PERIOD": {"textType": "ObservationalTimePeriod"},
        "OBS_VALUE": {"textType": "Double"},
        "COMMENT_OBS": {"textType": "String"},
        "SOURCE_DETAIL": {"textType": "String"},
    }
    dsd_id, scheme_id = f"DSD_{dataflow_id}", f"CS_{dataflow_id}"

    def representation(parent, tag, concept):
        if concept in enumerated:
            b.ref(b.el(b.el(parent, tag), "str:Enumeration"), enumerated[concept], "codelist", "Codelist")
        elif concept in text_formats:
            b.el(b.el(parent, tag), "str:TextFormat", text_formats[concept])

    def concept_identity(parent, concept):
        identity = b.el(parent, "str:ConceptIdentity")
        b.el(
            identity,
            "Ref",
            {
                "id": concept,
                "maintainableParentID": scheme_id,
                "maintainableParentVersion": version,
                "agencyID": agency,
                "package": "conceptscheme",
                "class": "Concept",
            },
        )

    root = ET.Element(f"{{{NS['mes']}}}Structure")
    header = b.el(root, "mes:Header")
    b.el(header, "mes:ID", text=message_id or f"{dataflow_id}_STRUCTURE")
    b.el(header, "mes:Test", text="false")
    b.el(header, "mes:Prepared", text=prepared.isoformat().replace("+00:00", "Z"))
    # Sender/@id is an IDType (no dots): a nested agency "A.B" sends as "B".
    b.names(b.el(header, "mes:Sender", {"id": agency.rpartition(".")[2]}), "sender")

    # Child order is fixed by SDMXStructure.xsd: Dataflows, Codelists, Concepts, DataStructures.
    structures = b.el(root, "mes:Structures")
    dataflow = b.maintainable(b.el(structures, "str:Dataflows"), "str:Dataflow", dataflow_id, "dataflow")
    b.ref(b.el(dataflow, "str:Structure"), dsd_id, "datastructure", "DataStructure")

    codelists_el = b.el(structures, "str:Codelists")
    for codelist_id, items in codelists.items():
        b.codelist(codelists_el, codelist_id, items)

    scheme = b.maintainable(b.el(structures, "str:Concepts"), "str:ConceptScheme", scheme_id, "concept_scheme")
    for concept in COMPONENTS:
        element = b.el(scheme, "str:Concept", {"id": concept})
        b.names(element, concept)
        representation(element, "str:CoreRepresentation", concept)

    dsd = b.maintainable(b.el(structures, "str:DataStructures"), "str:DataStructure", dsd_id, "dsd")
    components = b.el(dsd, "str:DataStructureComponents")
    dimension_list = b.el(components, "str:DimensionList", {"id": "DimensionDescriptor"})
    for position, dimension_id in enumerate(DIMENSIONS, start=1):
        dimension = b.el(dimension_list, "str:Dimension", {"id": dimension_id, "position": str(position)})
        concept_identity(dimension, dimension_id)
        representation(dimension, "str:LocalRepresentation", dimension_id)
    time = b.el(dimension_list, "str:TimeDimension", {"id": TIME_DIMENSION, "position": str(len(DIMENSIONS) + 1)})
    concept_identity(time, TIME_DIMENSION)
    representation(time, "str:LocalRepresentation", TIME_DIMENSION)

    attribute_list = b.el(components, "str:AttributeList", {"id": "AttributeDescriptor"})
    mandatory = {"UNIT_MEASURE", "UNIT_MULT", "OBS_STATUS"}
    for attribute_id in SERIES_ATTRIBUTES + OBSERVATION_ATTRIBUTES:
        status = "Mandatory" if attribute_id in mandatory else "Conditional"
        attribute = b.el(attribute_list, "str:Attribute", {"id": attribute_id, "assignmentStatus": status})
        concept_identity(attribute, attribute_id)
        representation(attribute, "str:LocalRepresentation", attribute_id)
        relationship = b.el(attribute, "str:AttributeRelationship")
        if attribute_id in SERIES_ATTRIBUTES:
            for dimension_id in DIMENSIONS:
                b.el(b.el(relationship, "str:Dimension"), "Ref", {"id": dimension_id})
        else:
            b.el(b.el(relationship, "str:PrimaryMeasure"), "Ref", {"id": PRIMARY_MEASURE})

    measure_list = b.el(components, "str:MeasureList", {"id": "MeasureDescriptor"})
    measure = b.el(measure_list, "str:PrimaryMeasure", {"id": PRIMARY_MEASURE})
    concept_identity(measure, PRIMARY_MEASURE)
    representation(measure, "str:LocalRepresentation", PRIMARY_MEASURE)

    ET.indent(root)
    return ET.tostring(root, encoding="utf-8", xml_declaration=True)
