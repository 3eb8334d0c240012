"""index.phrases finds a sequence of syllables where a scan of the texts finds it."""
import random

import numpy as np

from index import phrases
from index.analysis import Spots


def occurrences(texts, word):
    found = [(d, p) for d, words in texts.items() for p, w in enumerate(words) if w == word]
    return (np.array([d for d, _ in found], dtype=np.int64), np.array([p for _, p in found], dtype=np.int64))


def test_sequences_match_a_scan():
    """Random texts over three syllables (so that words repeat and overlap: "a a a"),
    phrases of two to four of them, with and without candidates."""
    rng = random.Random(7)
    for _ in range(400):
        texts = {d: [rng.choice("abc") for _ in range(rng.randint(0, 20))] for d in range(rng.randint(1, 30))}
        words = [rng.choice("abc") for _ in range(rng.randint(2, 4))]
        candidates = None if rng.random() < 0.5 else frozenset(rng.sample(sorted(texts), rng.randint(0, len(texts))))
        n = len(words)
        expected = frozenset(d for d, t in texts.items() if (candidates is None or d in candidates)
                             and any(t[p:p + n] == words for p in range(len(t))))
        assert phrases.in_sequence([occurrences(texts, w) for w in words], candidates) == expected


def test_positions_read_back_as_written():
    fmt = Spots()
    value = fmt.encode([0, 7, 70000, 2**31])
    assert fmt.decode_positions(value) == [0, 7, 70000, 2**31]
    assert fmt.decode_frequency(value) == 4
