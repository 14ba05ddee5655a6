"""Every page of one engagement, derived from the URL configuration, so a page added later
is covered by the tests that walk them without anyone listing it."""

from collections.abc import Iterator

from django.urls import URLPattern, URLResolver, get_resolver, reverse


def _walk(
    patterns: list[URLPattern | URLResolver], prefix: str, namespace: str | None
) -> Iterator[tuple[str, str]]:
    for p in patterns:
        if isinstance(p, URLResolver):
            yield from _walk(p.url_patterns, prefix + str(p.pattern), p.namespace or namespace)
        elif p.name:
            yield (f"{namespace}:{p.name}" if namespace else p.name, prefix + str(p.pattern))


def engagement_url_names() -> list[str]:
    """The names of every URL that takes an `engagement_id`."""
    return [
        name
        for name, pattern in _walk(get_resolver().url_patterns, "", None)
        if "<int:engagement_id>" in pattern
    ]


def engagement_urls(engagement_id: int, **values: object) -> dict[str, str]:
    """Each such URL for this engagement, its other parts filled from `values` (defaults:
    key R1, number 1, ids 1)."""
    samples: dict[str, object] = {"key": "R1", "number": 1, "amendment_id": 1, "change_id": 1}
    samples.update(values)
    urls = {}
    for name in engagement_url_names():
        pattern = next(p for n, p in _walk(get_resolver().url_patterns, "", None) if n == name)
        kwargs = {"engagement_id": engagement_id}
        for part in ("key", "number", "amendment_id", "change_id"):
            if f":{part}>" in pattern:
                kwargs[part] = samples[part]
        urls[name] = reverse(name, kwargs=kwargs)
    return urls
