"""One error type for a value that a way in (form, API parameter, import cell) cannot use.

Domain functions raise `InvalidValue` with a French message for people; each way in
turns it into its own error (a form error, a 400 answer, an import-report line).
"""

from __future__ import annotations


class InvalidValue(ValueError):
    def __init__(self, message: str, code: str = "invalid") -> None:
        super().__init__(message)
        self.message = message
        self.code = code
