"""`make loadtest`: the people of annuaire/demo/loadtest_mix.py as locust users.

Run by `manage.py loadtest` (headless, against gunicorn on 127.0.0.1, bounded in time);
by hand: `locust -f annuaire/demo/locustfile.py --host http://127.0.0.1:8131`. The
weights say who is on the site on a weekday morning: mostly patients and relatives, some
nurses printing sheets, a few coordinators in the back office, one harvester.
Importing this file imports locust, which patches the standard library (gevent): never
import it from Django code or tests (tests/demo/test_loadtest_mix.py runs the journeys).
"""

from __future__ import annotations

import random
from typing import Any

from locust import HttpUser, between, task

from annuaire.demo import loadtest_mix
from annuaire.demo.loadtest_mix import Page, UnexpectedPage


class LocustHttp:
    """The `Http` of the journeys over locust's session (cookies kept, redirects followed);
    a status of 400 or more is a failure in locust's figures by itself."""

    def __init__(self, user: HttpUser) -> None:
        self.client = user.client

    def get(self, path: str, name: str) -> Page:
        return self._page(self.client.get(path, name=name))

    def post(self, path: str, data: dict[str, str], name: str) -> Page:
        return self._page(self.client.post(path, data=data, name=name))

    @staticmethod
    def _page(response: Any) -> Page:
        return Page(response.status_code, response.text or "", loadtest_mix.local_path(response.url or ""))


class Person(HttpUser):
    abstract = True
    wait_time = between(1, 5)

    def on_start(self) -> None:
        self.http = LocustHttp(self)
        self.rng = random.Random()


class Patient(Person):
    weight = 10

    @task
    def visit(self) -> None:
        loadtest_mix.patient(self.http, self.rng)


class Nurse(Person):
    weight = 4

    @task
    def print_a_sheet(self) -> None:
        loadtest_mix.nurse(self.http, self.rng)


class Coordinator(Person):
    weight = 2
    wait_time = between(2, 8)

    def on_start(self) -> None:
        super().on_start()
        loadtest_mix.log_in(self.http, self.rng.choice(loadtest_mix.COORDINATORS))

    @task
    def browse_queues(self) -> None:
        loadtest_mix.coordinator(self.http, self.rng)


class Harvester(Person):
    fixed_count = 1  # one crawler at a time, whatever the number of users
    wait_time = between(0.5, 2)

    @task
    def harvest(self) -> None:
        loadtest_mix.harvester(self.http, self.rng)


__all__ = ["Coordinator", "Harvester", "Nurse", "Patient", "UnexpectedPage"]
