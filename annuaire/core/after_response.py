"""Work a request owes but the person need not wait for: done once the answer is sent.

A view (or anything it calls) asks `after_response(request, function, *args)`; the
`AfterResponseMiddleware` (annuaire/server/middleware.py, first of the stack so that it sees
the very answer sent) hands the work to the answer's `close()`, which the WSGI server calls
after writing the last byte (Django's test client does the same before returning). Used for
the anonymous search counts and for keeping an answer in the response cache.

The work still runs in the same worker, with the request's database connection: it takes
nothing off the server's load, only off the time the person waits. A failure is logged;
the answer has already left.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from typing import Any

logger = logging.getLogger(__name__)

_ATTRIBUTE = "_annuaire_after_response"


def after_response(request: Any, function: Callable[..., object], *args: Any) -> None:
    request = getattr(request, "_request", request)  # a REST framework request wraps Django's
    pending = getattr(request, _ATTRIBUTE, None)
    if pending is None:
        pending = []
        setattr(request, _ATTRIBUTE, pending)
    pending.append((function, args))


def pending_work(request: Any) -> list[Callable[[], None]]:
    """The work `request` left for after its answer, each as a call that logs its failure."""
    return [_logged(function, args) for function, args in getattr(request, _ATTRIBUTE, ())]


def _logged(function: Callable[..., object], args: tuple[Any, ...]) -> Callable[[], None]:
    def run() -> None:
        try:
            function(*args)
        except Exception:
            logger.exception("After the answer: %s failed", getattr(function, "__qualname__", function))

    return run
