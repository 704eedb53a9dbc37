"""Sent after each transition is saved (inside its transaction): features listen to it
(notifications); the domain does not know them."""

from django.dispatch import Signal

# kwargs: target (Offer or Structure), event (PublicationEvent), batched (inside `batch()`)
transitioned = Signal()

# Sent once when a `batch()` ends (bulk approval, an import that submits): kwargs: transitions,
# the list of (target, event) made inside, so that people are told once, together.
batch_transitioned = Signal()
