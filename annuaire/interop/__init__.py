"""Interoperability exports: data·inclusion v1 and FHIR R4 (ROR-aligned). See docs/interop.md."""
