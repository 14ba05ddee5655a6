"""The read side every later room shares: what one viewer may read of an engagement.

The snapshot (`snapshot`), the cut per viewer (`cut`), the harvest and the computed
report (`selectors`), presenters for the pages, the agenda of the closing conversation and
the SVG pictures. It writes nothing; the pages above it (the engagement page, a result's
page, values, the conversation, the final report) and research and interchange read
through it. See docs/architecture.md.
"""
