"""The site's layout (templates/base.html) around a page whose content is already rendered,
for the search page: Django renders the layout once per process and per variant, each
request fills in the title, the content and the selection bar (docs/adr/0042).

Rendering base.html through Django's template engine cost as much as the whole result
list in Jinja2, for an output that does not change from one search to the next. What the
layout shows depends only on the key of `_layouts` (the view, the URL prefix, the
demo banner) and on settings, whose changes empty the memo;
tests/www/test_layout.py renders both ways, for several requests, and compares.
"""

from __future__ import annotations

import re

from django.conf import settings
from django.core.signals import setting_changed
from django.dispatch import receiver
from django.http import HttpRequest, HttpResponse
from django.template import loader
from django.urls import get_script_prefix, get_urlconf
from django.utils.html import conditional_escape
from django.utils.safestring import SafeString, mark_safe

from annuaire.directory.fictitious import demo_data_loaded
from annuaire.www import selection

# Stand-ins for what each request fills in: a NUL byte is never in a rendered page.
TITLE, CONTENT, SELECTION_BAR = "\x00title\x00", "\x00content\x00", "\x00selection_bar\x00"
_SLOT = re.compile("(\x00[a-z_]+\x00)")
# The layout split around the slots, by (template, view, URL prefix, URLconf, demo banner):
# a handful of entries per process.
_layouts: dict[tuple[object, ...], tuple[str, ...]] = {}


def render_in_layout(request: HttpRequest, template_name: str, title: str, content: SafeString) -> HttpResponse:
    """`template_name` (which extends base.html and shows `page_title`, `page_html` and
    `selection_bar_html`) as Django would render it for `request`."""
    url_name = request.resolver_match.url_name if request.resolver_match else None
    key = (template_name, url_name, get_script_prefix(), get_urlconf(), demo_data_loaded())
    pieces = _layouts.get(key)
    if pieces is None:
        pieces = _layout_pieces(template_name, request)
        if not settings.DEBUG:  # with DEBUG (`make run`), an edited template shows at once
            _layouts[key] = pieces
    filled = {TITLE: conditional_escape(title), CONTENT: content, SELECTION_BAR: selection_bar(request)}
    return HttpResponse("".join(filled.get(piece, piece) for piece in pieces))


def selection_bar(request: HttpRequest) -> SafeString:
    """The bar under every public page: how many offers the orientation sheet holds."""
    template = loader.get_template("www/includes/selection_bar.html")
    return mark_safe(template.render({"selection_count": len(selection.selected_ids(request))}))


def _layout_pieces(template_name: str, request: HttpRequest) -> tuple[str, ...]:
    """The layout split around the slots (the context processors see the first request)."""
    context = {"page_title": TITLE, "page_html": mark_safe(CONTENT), "selection_bar_html": mark_safe(SELECTION_BAR)}
    return tuple(_SLOT.split(loader.render_to_string(template_name, context, request)))


@receiver(setting_changed)
def _forget_layouts(**kwargs: object) -> None:
    _layouts.clear()
