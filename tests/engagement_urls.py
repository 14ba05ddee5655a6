"""Every page of one engagement, derived from the URL configuration, so a page added later
is covered by the tests that walk them without anyone listing it."""

from collections.abc import Iterator

from django.urls import URLPattern, URLResolver, get_resolver, reverse

# The parts a URL may take besides the engagement, with the value each gets by default.
SAMPLES: dict[str, object] = {
    "key": "R1",
    "number": 1,
    "amendment_id": 1,
    "change_id": 1,
    "party": "client",
}


def _walk(
    patterns: list[URLPattern | URLResolver], prefix: str, namespace: str | None
) -> Iterator[tuple[str | None, str]]:
    """(name, full pattern) of every URL; the name is None for a URL without one."""
    for p in patterns:
        if isinstance(p, URLResolver):
            yield from _walk(p.url_patterns, prefix + str(p.pattern), p.namespace or namespace)
        else:
            name = p.name and (f"{namespace}:{p.name}" if namespace else p.name)
            yield (name, prefix + str(p.pattern))


def _engagement_patterns() -> dict[str, str]:
    return {
        name: pattern
        for name, pattern in _walk(get_resolver().url_patterns, "", None)
        if name and "<int:engagement_id>" in pattern
    }


def unwalkable_engagement_patterns() -> list[str]:
    """URLs about an engagement that the walk cannot reach: without a name (nothing to
    reverse), or not taking it as `<int:engagement_id>`. Should be none."""
    return [
        pattern
        for name, pattern in _walk(get_resolver().url_patterns, "", None)
        if "engagement_id" in pattern and (not name or "<int:engagement_id>" not in pattern)
    ]


def engagement_url_names() -> list[str]:
    """The names of every URL that takes an `engagement_id`."""
    return list(_engagement_patterns())


def engagement_url(name: str, engagement_id: int, **values: object) -> str:
    """One such URL for this engagement, its other parts filled from `values` (defaults:
    `SAMPLES`). A part the URL takes that neither names is an error, not a guess."""
    pattern = _engagement_patterns()[name]
    kwargs: dict[str, object] = {"engagement_id": engagement_id}
    for part, value in {**SAMPLES, **values}.items():
        if f":{part}>" in pattern:
            kwargs[part] = value
    return reverse(name, kwargs=kwargs)


def engagement_urls(engagement_id: int, **values: object) -> dict[str, str]:
    """Each such URL for this engagement, its other parts filled from `values` (defaults:
    key R1, number 1, ids 1)."""
    return {name: engagement_url(name, engagement_id, **values) for name in _engagement_patterns()}
