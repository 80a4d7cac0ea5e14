"""Tests for kgraph.ingest: formats, boilerplate removal, bad input, duplicates."""

from __future__ import annotations

import hashlib
import json
import logging
import re
import shutil
from pathlib import Path

import pytest

from kgraph.errors import InputError
from kgraph.ingest import (
    SUPPORTED_SUFFIXES,
    IngestReport,
    clean_text,
    iter_articles,
    read_file,
    strip_controls,
)
from kgraph.model import Article, article_identity, make_article_id
from kgraph.ontology import load_ontology

from .expected import BOILERPLATE

DATA = Path(__file__).resolve().parent.parent / "data"
_SPACES = re.compile(r"\s+")
SEEDS = sorted(DATA.glob("0*.txt"))
RULES = load_ontology().boilerplate  # what ingest receives from the build


@pytest.fixture(scope="module")
def seeds() -> dict[str, Article]:
    """The seed articles by file-name prefix ("000", "001", ...)."""
    return {Path(str(a.origin)).name[:3]: a for a in iter_articles([DATA], RULES)}


@pytest.fixture
def corpus(tmp_path: Path) -> Path:
    """A writable copy of the seed corpus."""
    folder = tmp_path / "corpus"
    folder.mkdir()
    for seed in SEEDS:
        shutil.copyfile(seed, folder / seed.name)
    return folder


def _read(paths: list[Path | str]) -> tuple[list[Article], IngestReport]:
    report = IngestReport()
    return list(iter_articles(paths, RULES, report)), report


# --- the seed corpus -----------------------------------------------------------------------------


def test_ingest_seed_corpus_is_complete(seeds: dict[str, Article]) -> None:
    assert len(SEEDS) == 5
    assert sorted(seeds) == ["000", "001", "002", "003", "004"]
    _, report = _read([DATA])
    assert (report.problems, report.duplicates) == ([], [])
    assert report.skipped == [
        f"{DATA / 'README.md'}: not an article format (.md); supported: .htm, .html, .jsonl, .txt"
    ]


@pytest.mark.parametrize(
    ("seed", "title", "published"),
    [
        ("000", "New Military Operation in Nagorno-Karabakh Reignites Tensions", None),
        ("001", "Fighting back in Nagorno-Karabakh: Baku unleashes new military action", None),
        ("002", None, None),
        ("003", "New conflict in Nagorno-Karabakh", "2023-05-31"),
        ("004", "Fears of Second War in Europe as Azerbaijan Launches Military Attack", None),
    ],
)
def test_ingest_seed_metadata(
    seeds: dict[str, Article], seed: str, title: str | None, published: str | None
) -> None:
    article = seeds[seed]
    assert (article.title, article.published) == (title, published)
    assert article.url is None
    assert article.origin is not None and article.origin.startswith(f"data/{seed}_")
    assert article.id == make_article_id(None, origin=article.origin)
    if title:
        assert title not in article.text


@pytest.mark.parametrize(
    "boilerplate",
    [*BOILERPLATE, "Photo: Defense Ministry", "\n~\n", "May 31, 2023"],
)
def test_ingest_seed_drops_boilerplate(seeds: dict[str, Article], boilerplate: str) -> None:
    for article in seeds.values():
        assert boilerplate not in article.text, article.origin
        assert boilerplate not in (article.title or ""), article.origin


@pytest.mark.parametrize(
    "heading",
    [
        "Background",
        "Historical rivalry and the conflict over Nagorno-Karabakh",
        "Supply crisis in Karabakh and the geopolitical power shifts",
        "At a Breaking Point Once More",
        "Quick Recap: Events Leading to the Latest Nagorno-Karabakh Crisis",
    ],
)
def test_ingest_seed_drops_headings(seeds: dict[str, Article], heading: str) -> None:
    for article in seeds.values():
        assert heading not in article.text.split("\n\n")


@pytest.mark.parametrize(
    ("seed", "sentence"),
    [
        ("000", "Three years after the last conflict, Azerbaijan has initiated a military"),
        ("000", "Observers now focus on the possibility of another international-brokered"),
        (
            "001",
            "Baku launches military operation to regain Nagorno-Karabakh In the South Caucasus",
        ),
        ("001", "Armenia would like to be less dependent on external supporters in the future."),
        ("002", "In a dramatic escalation of tensions, Azerbaijan’s defense ministry"),
        ("002", "to prevent further loss of life and instability in the region."),
        ("003", "Azerbaijan and Armenia are involved in a new conflict."),
        ("003", "More than 6,500 people lost their lives in that conflict in 2020."),
        ("004", "On Tuesday, the Ministry of Defense in Azerbaijan announced"),
        ("004", "will persist until their conclusion.”"),
    ],
)
def test_ingest_seed_keeps_news(seeds: dict[str, Article], seed: str, sentence: str) -> None:
    assert sentence in seeds[seed].text


@pytest.mark.parametrize(
    ("seed", "paragraphs"), [("000", 17), ("001", 8), ("002", 18), ("003", 12), ("004", 9)]
)
def test_ingest_seed_paragraph_layout(
    seeds: dict[str, Article], seed: str, paragraphs: int
) -> None:
    text = seeds[seed].text
    assert len(text.split("\n\n")) == paragraphs
    for line in text.split("\n"):
        assert line == line.strip()
    assert "\n\n\n" not in text
    assert text.split("\n")[1::2] == [""] * (paragraphs - 1)


# --- clean_text rules, on small exact inputs -----------------------------------------------------


@pytest.mark.parametrize(
    ("raw", "text", "meta"),
    [
        ("One sentence.\nTwo sentence.", "One sentence.\n\nTwo sentence.", {}),
        ("  Spaced \t  out   line.  \n\n\n", "Spaced out line.", {}),
        ("The talks\nwill resume on Monday.", "The talks will resume on Monday.", {}),
        ("Big News Today\nIt happened.", "It happened.", {"title": "Big News Today"}),
        ("It happened today.\nIt was big.", "It happened today.\n\nIt was big.", {}),
        ("what a headline\nIt happened.", "It happened.", {}),
        ("31 May 2023\nIt happened.", "It happened.", {"published": "2023-05-31"}),
        (
            "Big News\nSept. 19, 2023\nIt happened.",
            "It happened.",
            {"title": "Big News", "published": "2023-09-19"},
        ),
        ("Big News\nIt happened.\nBig News", "It happened.", {"title": "Big News"}),
        ("Big News\nIt happened.\nBig News. (Photo: AFP)", "It happened.", {"title": "Big News"}),
        ("Same line here.\nSame line here.", "Same line here.", {}),
        ("Background\nIt happened.", "It happened.", {"title": "Background"}),
        ("It happened.\nSubheading Here\nThen more.", "It happened.\n\nThen more.", {}),
        ("It happened.\nSoldiers at the front line in 2020", "It happened.", {}),
        ("It happened.\n~\n×\n* * *", "It happened.", {}),
        (
            "It happened.\nYou have 3 free articles left. Subscribe for unlimited access.",
            "It happened.",
            {},
        ),
        ("It happened.\nWe use cookies to improve your experience.", "It happened.", {}),
        ("It happened.\nSign up for our newsletter.", "It happened.", {}),
        ("It happened.\nShare this article", "It happened.", {}),
        ("It happened.\nPhoto: Jane Roe/Getty Images", "It happened.", {}),
        ("It happened.\nBy Jane Roe", "It happened.", {}),
        ("It happened.\nReporting by Jane Roe; Editing by John Doe", "It happened.", {}),
        ("By Tuesday, troops had left.", "By Tuesday, troops had left.", {}),
        ("Reuters reported the clash on Tuesday.", "Reuters reported the clash on Tuesday.", {}),
    ],
)
def test_ingest_clean_text_rules(raw: str, text: str, meta: dict[str, str]) -> None:
    assert clean_text(raw, RULES) == (text, meta)


_BODY = [f"Paragraph number {n} of the article reports what happened." for n in range(6)]


@pytest.mark.parametrize(
    ("footer", "kept"),
    [
        # a teaser card closed by "Learn More": the card goes too
        (["A teaser for another story.", "Jean Harris", "Learn More →", "Leave a Reply"], 6),
        (["Teaser Headline", "Jean Harris", "Read more", "Leave a Reply"], 6),
        # a short last sentence right before a bare "Read more" link is kept
        (["The talks resume on Monday.", "Read more →"], 7),
        # a section marker: the marker and what follows go, the last paragraph stays
        (["Check out our other content", "×", "Other story headline."], 6),
        (["Related articles", "Another story about something."], 6),
        (["Leave a Reply", "Your email address will not be published."], 6),
        # an inline "Read more" followed by long body text is not a footer
        (["Read more: talks stall", _BODY[0].replace("article", "article at length " * 10)], 7),
    ],
)
def test_ingest_clean_text_footer(footer: list[str], kept: int) -> None:
    text, _ = clean_text("\n".join(_BODY + footer), RULES)
    assert text.split("\n\n")[:6] == _BODY
    assert len(text.split("\n\n")) == kept


@pytest.mark.parametrize(
    ("line", "published"),
    [
        ("May 31, 2023", "2023-05-31"),
        ("31 May 2023", "2023-05-31"),
        ("2023-05-31", "2023-05-31"),
        ("Sept. 19, 2023", "2023-09-19"),
        ("September 19, 2023 10:15 AM", "2023-09-19"),
        ("Tuesday, September 19, 2023", "2023-09-19"),
        ("Published: 19th Sep 2023 at 10:15 GMT", "2023-09-19"),
        ("Updated 2023-09-19T10:15:00Z", "2023-09-19"),
        ("February 30, 2023", None),
        ("Mayhem 3, 2023", None),
        ("May 2023", None),
    ],
)
def test_ingest_date_line(line: str, published: str | None) -> None:
    _, meta = clean_text(f"{line}\nSomething happened.", RULES)
    assert meta.get("published") == published


# --- HTML ----------------------------------------------------------------------------------------

_PAGE = """<!DOCTYPE html>
<html lang="en"><head>
<meta charset="utf-8">
<title>Azerbaijan launches offensive | Caucasus Daily</title>
<link rel="canonical" href="https://news.example.com/2023/09/19/offensive">
<meta property="og:site_name" content="Caucasus Daily">
<meta property="article:published_time" content="2023-09-19T10:15:00Z">
</head><body>
<nav><ul><li><a href="/">Home</a></li><li><a href="/world">World news</a></li>
<li><a href="/sport">Sport section</a></li></ul></nav>
<article>
<h1>Azerbaijan launches offensive in Karabakh</h1>
<time datetime="2023-09-19">September 19, 2023</time>
<p>Azerbaijan launched a military operation in Nagorno-Karabakh on Tuesday, its defence
ministry said in a statement.</p>
<p>Armenian officials reported heavy shelling of Stepanakert, the regional capital, and
called on Russian peacekeepers to intervene.</p>
<p>The European Union urged both sides to return to talks and to respect the 2020
ceasefire agreement.</p>
</article>
<section id="comments"><h3>Leave a Reply</h3><form>
<p>Your email address will not be published. Required fields are marked *</p>
<textarea></textarea></form></section>
<footer><p>Copyright 2023 Caucasus Daily. All rights reserved.</p>
<a href="/privacy">Privacy policy</a></footer>
</body></html>
"""


@pytest.mark.parametrize("suffix", [".html", ".htm"])
def test_ingest_html_page(tmp_path: Path, suffix: str) -> None:
    page = tmp_path / f"page{suffix}"
    page.write_text(_PAGE, encoding="utf-8")
    (article,) = read_file(page, RULES)
    url = "https://news.example.com/2023/09/19/offensive"
    assert article.title == "Azerbaijan launches offensive in Karabakh"
    assert article.published == "2023-09-19"
    origin = f"{tmp_path.name}/page{suffix}"
    assert (article.url, article.source, article.origin) == (url, "Caucasus Daily", origin)
    assert article.id == make_article_id(url, "")
    paragraphs = article.text.split("\n\n")
    assert len(paragraphs) == 3
    assert paragraphs[0].startswith("Azerbaijan launched a military operation")
    assert "defence ministry said" in paragraphs[0]  # the line break inside <p> is gone
    for furniture in ["Home", "World news", "Leave a Reply", "email", "Copyright", "Privacy"]:
        assert furniture not in article.text


@pytest.mark.parametrize(
    ("html", "message"),
    [
        ("", "no article text found"),
        ("<html><body></body></html>", "no article text found"),
        ("<<<>>>", "no article text found"),
        ("<html><nav>Home</nav></html>", "nothing is left after removing web boilerplate"),
    ],
)
def test_ingest_html_without_text(tmp_path: Path, html: str, message: str) -> None:
    page = tmp_path / "broken.html"
    page.write_text(html, encoding="utf-8")
    with pytest.raises(InputError, match=message) as caught:
        read_file(page, RULES)
    assert caught.value.source == str(page)


# --- JSON Lines ----------------------------------------------------------------------------------

_GOOD = "Azerbaijan launched an offensive in Nagorno-Karabakh on Tuesday, officials said."


@pytest.mark.parametrize(
    ("record", "published"),
    [
        ({"published": "2023"}, "2023"),
        ({"published": "2023-09"}, "2023-09"),
        ({"published": "2023-09-19"}, "2023-09-19"),
        ({"published": "2023-09-19T10:15:00+04:00"}, "2023-09-19T10:15:00+04:00"),
        ({"published": "2023-13"}, None),
        ({"published": "19/09/2023"}, None),
        ({"published": None}, None),
        ({}, None),
    ],
)
def test_ingest_jsonl_dates(tmp_path: Path, record: dict[str, str], published: str) -> None:
    feed = tmp_path / "feed.jsonl"
    feed.write_text(json.dumps({"text": _GOOD, **record}), encoding="utf-8")
    (article,) = read_file(feed, RULES)
    assert article.published == published
    assert article.text == _GOOD


def test_ingest_jsonl_records_and_problems(tmp_path: Path) -> None:
    feed = tmp_path / "feed.jsonl"
    lines = [
        json.dumps(
            {
                "id": "a-1",
                "url": "https://example.com/a",
                "title": "Offensive in Karabakh",
                "published": "2023-09-19",
                "source": "Example News",
                "text": "Offensive in Karabakh\n" + _GOOD + "\nLeave a Reply",
            }
        ),
        "",
        '{"url": "https://example.com/b", "text": "unterminated',
        json.dumps({"url": "https://example.com/c", "title": "No text here"}),
        json.dumps(["not", "an", "object"]),
        json.dumps({"text": "   "}),
        json.dumps({"text": "Armenia said its forces were responding to the shelling."}),
    ]
    feed.write_text("\n".join(lines) + "\n", encoding="utf-8")
    articles, report = _read([feed])
    first, last = articles
    assert first == Article(
        id=make_article_id("https://example.com/a", ""),
        text=_GOOD,
        title="Offensive in Karabakh",
        url="https://example.com/a",
        published="2023-09-19",
        source="Example News",
        origin=f"{tmp_path.name}/feed.jsonl:1",
        record_id="a-1",
    )
    assert (last.origin, last.url, last.title) == (f"{tmp_path.name}/feed.jsonl:7", None, None)
    assert [p.source for p in report.problems] == [f"{feed}:{n}" for n in (3, 4, 5, 6)]
    assert "not valid JSON" in str(report.problems[0])
    assert 'no "text"' in str(report.problems[1])
    assert "JSON array is not an article" in str(report.problems[2])
    assert 'no "text"' in str(report.problems[3])


def test_ingest_jsonl_bad_date_is_logged(tmp_path: Path, caplog: pytest.LogCaptureFixture) -> None:
    feed = tmp_path / "feed.jsonl"
    feed.write_text(json.dumps({"text": _GOOD, "published": "yesterday"}), encoding="utf-8")
    with caplog.at_level(logging.WARNING, logger="kgraph.ingest"):
        (article,) = read_file(feed, RULES)
    assert article.published is None
    assert "'yesterday' is not an ISO date" in caplog.text


# --- control characters (issue 13) --------------------------------------------------------------

#: Not text, and most of them not XML 1.0: ESC, BEL, U+0001-U+0003, DEL and C1, the bidirectional
#: embeddings, overrides and isolates, U+FFFE, U+FFFF and a lone surrogate.
CONTROLS = "\x1b\x07\x01\x02\x03\x0b\x0c\x7f\x85\x9b\u202a\u202e\u2066\u2069\ufffe\uffff\ud800"


@pytest.mark.parametrize(
    ("raw", "text", "removed"),
    [
        ("Baku\x1b[0m said.", "Baku [0m said.", ["\x1b"]),
        ("a\x01b\x02c\x03", "a b c ", ["\x01", "\x02", "\x03"]),
        (
            "\u202eAzerbaijan\u202c and \u2066Armenia\u2069",
            "Azerbaijan and Armenia",
            list("\u202e\u202c\u2066\u2069"),
        ),
        ("odd\ufffe\uffff\ud800 end", "odd end", ["\ufffe", "\uffff", "\ud800"]),
        ("del\x7f c1\x85\x9f", "del  c1  ", ["\x7f", "\x85", "\x9f"]),
        ("tab\tline\ncr\r kept \u200f\u00e9", "tab\tline\ncr\r kept \u200f\u00e9", []),
    ],
)
def test_ingest_strip_controls(raw: str, text: str, removed: list[str]) -> None:
    assert strip_controls(raw) == (text, removed)


def _with_controls(sentence: str, controls: str = CONTROLS) -> str:
    """``sentence`` with every character of ``controls`` inside it."""
    words = sentence.split(" ")
    return " ".join(w + controls[i % len(controls)] for i, w in enumerate(words)) + controls


@pytest.mark.parametrize("suffix", [".txt", ".jsonl", ".html"])
def test_ingest_control_characters_are_removed_with_one_warning(
    tmp_path: Path, suffix: str, caplog: pytest.LogCaptureFixture
) -> None:
    title, body = "Ceasefire \u202eagreed\x07", _with_controls(_GOOD)
    path = tmp_path / f"story{suffix}"
    if suffix == ".jsonl":  # JSON escapes can even hold a lone surrogate
        record = {"id": "a\x1b1", "url": "https://example.com/\u202ea", "title": title}
        path.write_text(json.dumps({**record, "text": body, "source": "N\x01ews"}) + "\n")
    else:  # a UTF-8 file cannot hold a lone surrogate
        body = _with_controls(_GOOD, CONTROLS.replace("\ud800", ""))
    if suffix == ".txt":
        path.write_text(f"{title}\n\n{body}\n", encoding="utf-8")
    elif suffix == ".html":  # raw characters and references: "&#x1b;" alone makes lxml drop a page
        refs = "".join(f"&#x{ord(c):x};" for c in CONTROLS)
        page = f"<html><head><title>{title}</title></head><body><article><p>{body}{refs}</p>"
        path.write_text(page + "</article></body></html>", encoding="utf-8")
    with caplog.at_level(logging.WARNING, logger="kgraph.ingest"):
        (article,) = read_file(path, RULES)
    strings = [article.text, article.title, article.url, article.source, article.record_id]
    assert not [s for s in strings if s and set(s) & set(CONTROLS)]
    assert _SPACES.sub(" ", article.text).strip() == _GOOD
    assert article.title == "Ceasefire agreed"
    warnings = [r.getMessage() for r in caplog.records if "control character" in r.getMessage()]
    assert len(warnings) == 1 and warnings[0].startswith(f"{path}")
    if suffix == ".jsonl":
        assert (article.record_id, article.url) == ("a 1", "https://example.com/a")


# --- bad input never stops the run ---------------------------------------------------------------


@pytest.mark.parametrize(
    ("name", "data", "message"),
    [
        ("empty.txt", b"", "empty article"),
        ("blank.txt", b"  \n\t\n  ", "empty article"),
        ("furniture.txt", b"No menu items!\nLeave a Reply\nShare this", "nothing is left"),
        ("binary.txt", b"GIF89a\x00\x01\x02", "binary data, not text (NUL byte at offset 6)"),
        ("cp1252.txt", b"He said \x93no\x94 to that.", "not UTF-8 text (byte 0x93 at offset 8)"),
        ("utf16.txt", "Hello.".encode("utf-16"), "UTF-16 text"),
        ("binary.jsonl", b"\x00\x00", "binary data"),
        ("binary.html", b"\x89PNG\r\n\x1a\n\x00\x00", "binary data"),
    ],
)
def test_ingest_bad_file(corpus: Path, name: str, data: bytes, message: str) -> None:
    (corpus / name).write_bytes(data)
    articles, report = _read([corpus])
    assert len(articles) == len(SEEDS)
    (problem,) = report.problems
    assert problem.source == str(corpus / name)
    assert message in str(problem)
    with pytest.raises(InputError, match=r"re-save|give a text|empty|nothing"):
        read_file(corpus / name, RULES)


@pytest.mark.parametrize(
    "head",
    [
        '<meta charset="windows-1252">',
        '<meta http-equiv="Content-Type" content="text/html; charset=cp1252">',
    ],
)
def test_ingest_html_in_declared_encoding(tmp_path: Path, head: str) -> None:
    page = tmp_path / "cp1252.html"
    body = b"<p>Officials said the \x93operation\x94 would go on for several more days.</p>"
    page.write_bytes(f"<html><head>{head}</head><body><article>".encode() + body + b"</article>")
    (article,) = read_file(page, RULES)
    assert article.text == "Officials said the “operation” would go on for several more days."


def test_ingest_utf8_bom_is_accepted(tmp_path: Path) -> None:
    path = tmp_path / "bom.txt"
    path.write_bytes("\ufeffBig News\nIt happened.".encode())
    (article,) = read_file(path, RULES)
    assert (article.title, article.text) == ("Big News", "It happened.")


def test_ingest_missing_path(corpus: Path) -> None:
    missing = str(corpus / "nope.txt")
    articles, report = _read([missing, corpus, "no/such/folder"])
    assert len(articles) == len(SEEDS)
    assert [p.source for p in report.problems] == [missing, "no/such/folder"]
    assert all("no such file or folder; check the path" in str(p) for p in report.problems)
    with pytest.raises(InputError, match="no such file"):
        read_file(Path(missing), RULES)


@pytest.mark.parametrize(
    ("name", "reason"),
    [
        ("README.md", "not an article format (.md); supported: .htm, .html, .jsonl, .txt"),
        ("notes", "not an article format (no suffix)"),
        (".draft.txt", "hidden file"),
        (".git/HEAD.txt", "hidden folder"),
    ],
)
def test_ingest_skips_files(corpus: Path, name: str, reason: str) -> None:
    path = corpus / name
    path.parent.mkdir(exist_ok=True)
    path.write_text("Something happened here today.", encoding="utf-8")
    articles, report = _read([corpus])
    assert len(articles) == len(SEEDS)
    assert report.problems == []
    (skipped,) = report.skipped
    assert skipped.startswith(str(corpus / name.split("/")[0]))
    assert reason in skipped


def test_ingest_unsupported_file_named_explicitly(corpus: Path) -> None:
    readme = corpus / "README.md"
    readme.write_text("# Corpus", encoding="utf-8")
    articles, report = _read([readme])
    assert (articles, report.problems) == ([], [])
    assert report.skipped == [
        f"{readme}: "
        + "not an article format (.md); supported: "
        + ", ".join(sorted(SUPPORTED_SUFFIXES))
    ]
    with pytest.raises(InputError, match="not an article format"):
        read_file(readme, RULES)


def test_ingest_walks_folders_sorted_and_recursively(tmp_path: Path) -> None:
    for name in ["b/2.txt", "a.txt", "b/1.TXT", "c/d/3.htm"]:
        path = tmp_path / name
        path.parent.mkdir(parents=True, exist_ok=True)
        text = f"Article {name} says that something happened in the region today."
        html = f"<html><body><article><p>{text}</p></article></body></html>"
        path.write_text(html if name.endswith(".htm") else text, encoding="utf-8")
    articles, report = _read([tmp_path])
    names = [str(a.origin) for a in articles]
    top = tmp_path.name
    assert names == [f"{top}/a.txt", f"{top}/b/1.TXT", f"{top}/b/2.txt", f"{top}/c/d/3.htm"]
    assert report == IngestReport()


# --- duplicates and ids --------------------------------------------------------------------------


def test_ingest_duplicates_are_yielded_once(corpus: Path) -> None:
    copy = corpus / "zz_copy.txt"
    shutil.copyfile(SEEDS[3], copy)
    feed = corpus / "zz_feed.jsonl"
    text = SEEDS[4].read_text(encoding="utf-8")
    feed.write_text(json.dumps({"text": text, "url": "https://example.com/x"}), encoding="utf-8")
    articles, report = _read([corpus])
    assert len(articles) == len(SEEDS)
    assert report.duplicates == ["corpus/zz_copy.txt", "corpus/zz_feed.jsonl:1"]
    assert len({a.id for a in articles}) == len(SEEDS)


@pytest.mark.parametrize(
    ("record", "identity"),
    [
        ({"url": "https://example.com/a", "id": "a1"}, "url:https://example.com/a"),
        ({"id": "a1"}, "id:a1"),
        ({"id": 17}, "id:17"),
        ({"id": " "}, "origin:{top}/feed.jsonl:1"),
        ({}, "origin:{top}/feed.jsonl:1"),
    ],
)
def test_ingest_article_identity(tmp_path: Path, record: dict[str, object], identity: str) -> None:
    """An article's id is a hash of its identity: URL, else the record's id, else its origin."""
    feed = tmp_path / "feed.jsonl"
    for text in ("First text.", "Corrected text."):  # a new version keeps the id
        feed.write_text(json.dumps({"text": text, **record}), encoding="utf-8")
        (article,) = read_file(feed, RULES)
        expected = identity.format(top=tmp_path.name)
        assert article_identity(article.url, article.record_id, article.origin) == expected
        assert article.id == hashlib.sha256(expected.encode()).hexdigest()[:16]


def test_ingest_txt_id_from_its_origin(tmp_path: Path) -> None:
    one, two = tmp_path / "one.txt", tmp_path / "two.txt"
    one.write_text("Big News\nIt happened.", encoding="utf-8")
    two.write_text("Other headline\n\nIt happened.\n", encoding="utf-8")
    first = read_file(one, RULES)[0].id
    assert (
        first
        == make_article_id(None, origin=f"{tmp_path.name}/one.txt")
        != read_file(two, RULES)[0].id
    )
    one.write_text("Big News\nIt happened again.", encoding="utf-8")
    assert read_file(one, RULES)[0].id == first
