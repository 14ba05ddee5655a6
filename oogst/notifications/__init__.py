"""Messages to the parties: one when an action opens for them, at the other hand-offs,
and reminders of what stays open; recorded, and delivered out of the request."""
