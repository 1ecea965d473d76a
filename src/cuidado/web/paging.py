"""Long lists shown a page at a time, on the server: each list has its own page number in the
address (`?plan_page=2#plan`), so a page's link stays the same, works without JavaScript, and
the other lists and the filters keep their place."""

from __future__ import annotations

from urllib.parse import urlencode

PER_PAGE = {"findings": 25, "plan": 10, "timeline": 50, "skipped": 50, "items": 50}


def page_number(query: dict, name: str) -> int:
    raw = (query.get(f"{name}_page") or ["1"])[0]
    return int(raw) if raw.isdigit() and 0 < len(raw) < 7 and int(raw) > 0 else 1


def cut(items: list, query: dict, name: str, path: str = "/") -> tuple[list, dict | None]:
    """The items on the asked page, and the pager to show (None when everything fits on one page)."""
    size = PER_PAGE[name]
    pages = max(1, -(-len(items) // size))
    number = min(page_number(query, name), pages)
    shown = items[(number - 1) * size : number * size]
    if pages == 1:
        return shown, None
    first = (number - 1) * size + 1
    links = [
        {"number": n, "url": page_url(query, name, n, path), "current": n == number} for n in _around(number, pages)
    ]
    return shown, {
        "name": name,
        "number": number,
        "pages": pages,
        "first": first,
        "last": first + len(shown) - 1,
        "total": len(items),
        "links": links,
        "previous": page_url(query, name, number - 1, path) if number > 1 else None,
        "next": page_url(query, name, number + 1, path) if number < pages else None,
    }


def page_url(query: dict, name: str, number: int, path: str = "/") -> str:
    """This page's address with `name`'s page set; the other lists' pages and the filters stay."""
    key = f"{name}_page"
    pairs = [(k, v) for k, values in query.items() if k not in (key, "scanned") for v in values]
    if number > 1:
        pairs.append((key, str(number)))
    return path + ("?" + urlencode(sorted(pairs)) if pairs else "") + "#" + name


def _around(number: int, pages: int) -> list[int]:
    """First, last and the pages next to the current one: a short row that fits a phone."""
    return sorted({1, pages, *range(max(1, number - 1), min(pages, number + 1) + 1)})
