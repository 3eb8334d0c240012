"""Clean: bytes of a page or a text dump → the fields of a clean article record.

In: raw bytes and what is known of their charset. Out: title, published date, author,
body text and captions, with site furniture, bylines and datelines taken out
(`decode`, then `html_clean` with `html_meta` for pages, `text_clean` for dumps; the
line rules shared by both in `article_lines`, `boilerplate`, `byline`, `dateline`).
"""
