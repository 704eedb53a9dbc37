"""Text normalisation shared by every search (communes, free text).

Users type "St Brieuc", "saint-brieuc", "SAINT BRIEUC" or "Saint-Brïeuc": all must
match. We store a normalised copy of searchable text and normalise queries the same
way, which works identically on SQLite and PostgreSQL (no `unaccent` extension).
"""

import re
import unicodedata

_ABBREVIATIONS = {"st": "saint", "ste": "sainte", "sts": "saints", "stes": "saintes"}
# Control characters (NUL included, which PostgreSQL refuses in text) separate words too.
_SEPARATORS = re.compile(r"[\s\x00-\x1f\x7f\-'’‘`´.,;:/()\"«»]+")


def normalize(text: str) -> str:
    """Lowercase, strip accents, turn punctuation into spaces, expand St/Ste."""
    decomposed = unicodedata.normalize("NFKD", text or "")
    ascii_text = "".join(c for c in decomposed if not unicodedata.combining(c))
    ascii_text = ascii_text.lower().replace("œ", "oe").replace("æ", "ae")
    words = [w for w in _SEPARATORS.split(ascii_text) if w]
    return " ".join(_ABBREVIATIONS.get(w, w) for w in words)


# Each word is one more scan of the text: a query of a hundred one-letter words must not
# cost a hundred scans.
MAX_SEARCH_WORDS = 8


def search_words(query: str) -> list[str]:
    """The distinct normalised words of a free-text query (the first MAX_SEARCH_WORDS),
    each to be found in the text."""
    return list(dict.fromkeys(w for w in normalize(query).split(" ") if w))[:MAX_SEARCH_WORDS]


def format_km(value: float) -> str:
    """3.42 → "3,4"; 20.0 → "20" (French decimal comma)."""
    if abs(value - round(value)) < 0.05:
        return str(round(value))
    return f"{value:.1f}".replace(".", ",")
