"""Deterministic demo data: a believable region (Brittany) or a national dataset for benchmarks.

- `names`: structure names, people, streets, French département articles;
- `care`: how often each kind of structure offers each sub-category, titles, details;
- `generator`: builds unsaved model instances from a seeded `random.Random`, using
  `towns` (population-weighted communes), `plans` (which structures, where, named what),
  `structures` (structures and their places), `offers` (each structure's offers) and
  `fiction` (uuids, reserved phone numbers, FINESS keys, dates: the shared draws);
- `writer`: finds, deletes and bulk-inserts demo rows.

Demo rows are recognisable: every demo structure has a public e-mail at a sub-domain
of `DEMO_DOMAIN`, and stable uuids (uuid5 of the seed and the row's position).
"""
