"""Language: the Vietnamese text knowledge that cleaning, extraction and the index share.

In: text. Out: the same text normalized (`normalize`: NFC, one tone placement, accent
folding), names and surnames (`names`, with underthesea's bundled dictionary), and the word lists of `ingest/data/` (`wordlists`). It imports
nothing from the stages, so every stage may import it.
"""
