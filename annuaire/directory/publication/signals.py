"""Sent after each transition is saved (inside its transaction): features listen to it
(notifications); the domain does not know them."""

from django.dispatch import Signal

# kwargs: target (Offer or Structure), event (PublicationEvent)
transitioned = Signal()
