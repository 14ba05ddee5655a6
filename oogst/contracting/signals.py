"""Signals the contracting stage sends, so that later stages can act without being called.

`party_admitted`: a party proposed after the contract came into force has joined (sent
inside the joining transaction). Keyword arguments: `engagement_id`, `party` and `kind`
(`PartyChange.Kind`). The results register listens: results marked shared before the
engagement had a sponsor go back to "not decided" when a sponsor is added.
"""

from django.dispatch import Signal

party_admitted = Signal()
