"""The public open-data page and the downloads of the generated files."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from django.http import FileResponse, HttpRequest, HttpResponse
from django.http.response import HttpResponseBase
from django.shortcuts import render
from django.utils import timezone

from annuaire.opendata.export import LICENCE_TITLE, LICENCE_URL, PUBLISHED_FILES, PUBLISHED_NAMES, opendata_dir


@dataclass(frozen=True)
class AvailableFile:
    name: str
    title: str
    size: int
    modified: datetime


def index(request: HttpRequest) -> HttpResponse:
    directory = opendata_dir()
    files = []
    for published in PUBLISHED_FILES:
        path = directory / published.name
        if path.is_file():
            stat = path.stat()
            modified = datetime.fromtimestamp(stat.st_mtime, tz=timezone.get_current_timezone())
            files.append(AvailableFile(published.name, published.title, stat.st_size, modified))
    context = {"files": files, "licence_title": LICENCE_TITLE, "licence_url": LICENCE_URL}
    return render(request, "opendata/index.html", context)


def download(request: HttpRequest, filename: str) -> HttpResponseBase:
    published = PUBLISHED_NAMES.get(filename)
    path = opendata_dir() / filename if published else None
    if published is None or path is None or not path.is_file():
        return render(request, "opendata/missing.html", {"filename": filename}, status=404)
    content_type = published.media_type
    if content_type.startswith("text/") or content_type.endswith("json"):
        content_type += "; charset=utf-8"
    response = FileResponse(path.open("rb"), content_type=content_type, as_attachment=False, filename=filename)
    response["X-Content-Type-Options"] = "nosniff"
    return response
