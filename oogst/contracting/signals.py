"""Signals the contracting stage sends, so that later stages can act without being called.

`party_admitted`: a party proposed after the contract came into force has joined (sent
inside the joining transaction). Keyword arguments: `engagement_id`, `party` and `kind`
(`PartyChange.Kind`). The results register listens: results marked shared before the
engagement had a sponsor go back to "not decided" when a sponsor is added.

`goal_references`: a question rather than news, see below.
"""

from django.dispatch import Signal

party_admitted = Signal()

# `goal_references`: asked before a goal is deleted (`services.goals.goal_delete`), so that
# the later stages, which contracting may not import, can say what of theirs refers to it.
# Keyword arguments: `goal` and `facts` (the policy facts of the party asking). Each
# receiver answers with a list of reasons, in words that party may read (a receiver asks
# the policy before it names what the party may not read); any reason keeps the goal.
goal_references = Signal()
