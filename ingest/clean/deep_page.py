"""The text of a page nested deeper than lxml reads.

libxml2 stops building a tree at 256 levels ("Excessive depth in document") and lxml
then hands back a body without its article: generated pages with runaway <div>
nesting lose their text. BeautifulSoup over Python's html.parser builds its tree
without a depth limit and walks it without recursion, so it reads such a page whole —
slower (≈ 15× lxml), which is why it is the fallback and not the rule.
"""
from bs4 import BeautifulSoup, Comment, NavigableString

from ingest.language.normalize import clean_text

_SKIP = frozenset({"head", "script", "style", "noscript", "template", "nav", "header", "footer", "aside",
                   "form", "iframe", "svg", "button", "select"})
_BLOCKS = frozenset({"p", "div", "section", "article", "main", "li", "ul", "ol", "table", "tr", "td", "th",
                     "blockquote", "figure", "figcaption", "h1", "h2", "h3", "h4", "h5", "h6", "br", "pre", "dd",
                     "dt"})


def body_lines(html_text):
    """[(line, is_caption)] in reading order: one line per block of text, a <figcaption>'s
    lines marked as captions; furniture elements (navigation, forms, scripts) left out."""
    soup = BeautifulSoup(html_text, "html.parser")
    for tag in soup.find_all(_SKIP):
        tag.decompose()
    # strings inside a <figcaption>, found once: walking up from each block to ask would
    # cost the page's depth per block, quadratic on exactly the pages read here
    in_caption = {id(text) for caption in soup.find_all("figcaption") for text in caption.strings}
    lines, buf = [], []

    def flush():
        text = clean_text(" ".join(str(node) for node in buf))
        if text:
            lines.append((text, all(id(node) in in_caption for node in buf if node.strip())))
        buf.clear()

    for node in soup.descendants:
        if isinstance(node, Comment):
            continue
        if isinstance(node, NavigableString):
            buf.append(node)
        elif node.name in _BLOCKS:
            flush()
    flush()
    return lines
