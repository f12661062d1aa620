"""The words the search index reads of a pill's HTML (search/documents.html_text)."""

from __future__ import annotations

import pytest

from pillole.search.documents import html_text

CASES = {
    "paragraphs and list items do not run together": (
        "<p>Primo</p><p>secondo</p><ul><li>uno</li><li>due</li></ul>", "Primo secondo uno due"),
    "inline elements keep a word whole": ("<p>pass<strong>word</strong> <em>sicura</em></p>", "password sicura"),
    "code blocks are left out, inline code is read": (
        "<p>Usa <code>ls</code>:</p><pre><code>rm -rf /\n</code></pre><p>fine</p>", "Usa ls: fine"),
    "entities are read as characters": ("<p>Perch&eacute; &amp; &#8220;come&#8221; &lt;b&gt;</p>", "Perché & “come” <b>"),
    "a quoted attribute may hold >": ('<p><a href="x" title="a > b">link</a> dopo</p>', "link dopo"),
    "comments and declarations are not words": ("<!DOCTYPE html><p>a<!-- nota > interna -->b</p>", "ab"),
    "script and style are left out, also nested in skipped blocks": (
        "<p>prima</p><script>if (a<b) { x = '</p>' }</script><style>p{}</style><pre><pre>x</pre>y</pre><p>dopo</p>",
        "prima dopo"),
    "headings and table cells are separate words": (
        "<h2>Titolo</h2><table><tr><td>uno</td><td>due</td></tr></table>", "Titolo uno due"),
    "tag names in any case": ("<P>uno</P><DIV>due</DIV>", "uno due"),
}


@pytest.mark.parametrize("html, words", CASES.values(), ids=CASES.keys())
def test_html_text_reads_what_a_learner_reads(html: str, words: str) -> None:
    assert html_text(html) == words
