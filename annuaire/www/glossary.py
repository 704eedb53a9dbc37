"""Abbreviations the pages use, spelt out at their first use on a page (RGAA 9.x, plain language).

The list is the reference for docs/glossary.md; a page writes "ETP" as
`<abbr title="…">ETP</abbr> (éducation thérapeutique du patient)` the first time,
and as `<abbr>` alone afterwards (or when the text already spells it out).
"""

from __future__ import annotations

import html
import re

from django.http import HttpRequest
from django.utils.html import escape, format_html
from django.utils.safestring import SafeString, mark_safe

ABBREVIATIONS: dict[str, str] = {
    "AJA": "adolescents et jeunes adultes",
    "APA": "activité physique adaptée",
    "CECOS": "centre d'étude et de conservation des œufs et du sperme",
    "CHU": "centre hospitalier universitaire",
    "CLCC": "centre de lutte contre le cancer",
    "CPTS": "communauté professionnelle territoriale de santé",
    "DIU": "diplôme interuniversitaire",
    "ERI": "Espace de Rencontres et d'Information",
    "ETP": "éducation thérapeutique du patient",
    "HAD": "hospitalisation à domicile",
    "MSP": "maison de santé pluriprofessionnelle",
    "MSSanté": "messagerie sécurisée de santé",
    "SSR": "soins de suite et de réadaptation",
}
_WORD = re.compile(
    r"(?<![\w-])(" + "|".join(sorted(map(re.escape, ABBREVIATIONS), key=len, reverse=True)) + r")(?![\w-])"
)
_SEEN = "_abbreviations_spelt_out"


def explain(text: object, request: HttpRequest | None) -> SafeString:
    """`text`, HTML-escaped, with its abbreviations marked up; each spelt out once per page (request)."""
    text = "" if text is None else str(text)
    if _WORD.search(text) is None:  # most texts (a result list's forty titles and names)
        return SafeString(html.escape(text))  # as django.utils.html.escape, without its lazy wrapper
    seen: set[str] = getattr(request, _SEEN, set()) if request is not None else set()
    parts: list[str] = []
    position = 0
    for match in _WORD.finditer(text):
        abbreviation = match.group(1)
        expansion = ABBREVIATIONS[abbreviation]
        parts.append(escape(text[position : match.start()]))
        spelt_here = expansion.lower() in text.lower()
        if abbreviation in seen or spelt_here:
            parts.append(format_html('<abbr title="{}">{}</abbr>', expansion, abbreviation))
        else:
            parts.append(format_html('<abbr title="{}">{}</abbr> ({})', expansion, abbreviation, expansion))
        seen.add(abbreviation)
        position = match.end()
    parts.append(escape(text[position:]))
    if request is not None:
        setattr(request, _SEEN, seen)
    return mark_safe("".join(parts))


def lower_first(text: object) -> str:
    """ "Activité physique adaptée (APA)" → "activité physique adaptée (APA)": only the first letter,
    and not at all when the first word is an abbreviation ("HAD …")."""
    text = "" if text is None else str(text)
    first_word = text.split(" ", 1)[0]
    if len(first_word) > 1 and first_word.isupper():
        return text
    return text[:1].lower() + text[1:]


def first_sentence(text: object) -> str:
    """The plain sentence that introduces a kind of care: its description up to the first full stop."""
    text = "" if text is None else str(text).strip()
    end = text.find(". ")
    return text[: end + 1] if end >= 0 else text
