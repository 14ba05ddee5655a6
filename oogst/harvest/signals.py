"""What the read side tells the later stages (who listen; harvest imports none of them).

`actions_opened(engagement_id, actions)`: actions appeared in an engagement's
`waiting_for` since its stored progress was last written (`harvest.stored`); `actions`
are `measures.stages.Action`s. Not sent the first time an engagement's progress is
computed: that is its starting point, not a change (an imported engagement announces
nothing). Sent inside the transaction that stores them.
"""

from django.dispatch import Signal

actions_opened = Signal()
