"""HTML input: main text extracted, boilerplate and scripts left out, metadata kept."""

from __future__ import annotations

from datetime import date
from pathlib import Path

from extract.ingest.reader import read_documents

PAGE = """<html><head><title>Harbour ferry resumes service</title>
<meta property="article:published_time" content="2031-04-02T08:00:00Z">
<script>var tracker = "=HYPERLINK('x')";</script></head>
<body><div class="cookie-banner">We use cookies to improve your experience. Accept all cookies.</div>
<nav><a href="/">Home</a> | <a href="/local">Local</a></nav>
<article><h1>Harbour ferry resumes service</h1>
<p>The city transport authority restarted the harbour ferry on Tuesday after a two-week repair.</p>
<p>Mayor Ana Lima said the service would run every hour until the end of October.</p></article>
<footer>Copyright Example Gazette. All rights reserved.</footer></body></html>"""


def test_html_main_text_and_metadata(tmp_path: Path, lex):
    (tmp_path / "ferry.html").write_text(PAGE, encoding="utf-8")
    [doc] = list(read_documents([tmp_path], lex))
    assert doc.ok and doc.doc_id == "ferry"
    assert doc.title == "Harbour ferry resumes service"
    assert (doc.published, doc.published_from) == (date(2031, 4, 2), "metadata")
    assert "Mayor Ana Lima said" in doc.text
    for boilerplate in ("cookies", "tracker", "Home", "Copyright"):
        assert boilerplate not in doc.text


def test_html_without_article_text_is_an_error(tmp_path: Path, lex):
    (tmp_path / "empty.htm").write_text("<html><body><nav>Home</nav></body></html>", encoding="utf-8")
    [doc] = list(read_documents([tmp_path], lex))
    assert doc.status == "error" and "empty.htm" in doc.error
