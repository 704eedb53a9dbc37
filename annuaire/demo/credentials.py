"""The demo accounts' shared password (README), in a module free of Django so that the load
test's locust process can read it too (annuaire/demo/loadtest_mix.py)."""

DEMO_PASSWORD = "demo-annuaire-sos"
