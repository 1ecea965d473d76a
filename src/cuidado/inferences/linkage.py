"""Accounts on different platforms that an analyst can tie together, and by what."""

from __future__ import annotations

import re
import unicodedata
from collections import defaultdict

from cuidado.detectors.severity import severity
from cuidado.models import Finding
from cuidado.store import Store

HANDLE_FIELDS = ("username", "handle", "screen_name", "channel_title")
NAME_FIELDS = ("full_name", "name", "display_name")
PHASH_MAX_DISTANCE = 6  # of 64 bits: the same picture re-encoded or resized
IDENTIFIER_KINDS = ("identity.phone", "identity.email", "identity.device")  # one person's, on any platform


def _fold(text: str) -> str:
    text = unicodedata.normalize("NFKD", text)
    return re.sub(r"[^a-z0-9]", "", "".join(c for c in text if not unicodedata.combining(c)).lower())


def _profile_values(store: Store, fields: tuple[str, ...]) -> dict[str, list[tuple[str, str]]]:
    """platform -> [(value, record id)] for the given profile fields."""
    result: dict[str, list[tuple[str, str]]] = defaultdict(list)
    for platform, text, item in store.profile_fields(fields):
        result[platform].append((text.strip().lstrip("@"), item))
    return result


def linkage_inferences(store: Store) -> list[Finding]:
    """One finding per shared identifier (a phone, an email, a handle, a photo…) and the platforms it ties."""
    ties: dict[tuple[str, str], dict[str, set[str]]] = defaultdict(lambda: defaultdict(set))

    def tie(by: str, value: str, per_platform: dict[str, list[str]]):
        for platform, items in per_platform.items():
            ties[(by, value)][platform].update(items)

    _same_identifier(store, tie)
    _same_handle(store, tie)
    _same_photo(store, tie)
    _name_in_handles(store, tie)
    findings = []
    for (by, value), per_platform in ties.items():
        platforms = sorted(per_platform)
        if len(platforms) < 2:
            continue
        evidence = sorted(set().union(*per_platform.values()))
        confidence = _LINK_CONFIDENCE.get(by, 0.8)
        findings.append(
            Finding(
                kind="inference.account_link",
                subtype=by,
                severity=severity("inference.account_link", by, confidence),
                confidence=confidence,
                platform="multiple",
                source="(inference)",
                item=f"inference:account_link:{by}:{value}",
                value=f"{value} → {', '.join(platforms)}",
                extra={"platforms": platforms, "by": by, "evidence": evidence, "evidence_count": len(evidence)},
            )
        )
    return findings


# How surely each kind of shared identifier ties two accounts to one person.
_LINK_CONFIDENCE = {
    "phone": 0.97,
    "email": 0.97,
    "device": 0.95,
    "same_photo": 0.9,
    "handle": 0.85,
    "real_name_in_handle": 0.7,
}


def _same_identifier(store: Store, tie) -> None:
    """The same phone, email or device serial found on two platforms' own items."""
    by_value: dict[tuple[str, str], dict[str, list[str]]] = defaultdict(lambda: defaultdict(list))
    for kind, value, platform, item in store.own_identifiers(IDENTIFIER_KINDS):
        by_value[(kind, value)][platform].append(item)
    for (kind, value), per_platform in by_value.items():
        if len(per_platform) > 1:
            tie(kind.split(".")[1], value, per_platform)


def _same_handle(store: Store, tie) -> None:
    handles = _profile_values(store, HANDLE_FIELDS)
    by_handle: dict[str, dict[str, list[str]]] = defaultdict(lambda: defaultdict(list))
    for platform, values in handles.items():
        for value, item in values:
            folded = _fold(value)
            if len(folded) >= 4:
                by_handle[folded][platform].append(item)
    for folded, per_platform in by_handle.items():
        if len(per_platform) > 1:
            tie("handle", folded, per_platform)


def _name_in_handles(store: Store, tie) -> None:
    """The person's real name (from any profile) spelled inside handles on other platforms."""
    names = _profile_values(store, NAME_FIELDS)
    handles = _profile_values(store, HANDLE_FIELDS)
    for name_platform, name_values in names.items():
        for name, name_item in name_values:
            parts = [_fold(p) for p in name.split() if len(_fold(p)) >= 3]
            if len(parts) < 2:
                continue
            for platform, values in handles.items():
                for handle, item in values:
                    folded = _fold(handle)
                    if sum(part in folded for part in parts) >= 1 and parts[0] in folded:
                        if platform != name_platform:
                            tie(
                                "real_name_in_handle",
                                f"{name} → @{handle}",
                                {name_platform: [name_item], platform: [item]},
                            )


def _same_photo(store: Store, tie) -> None:
    """The same picture on two platforms. Named by the photos themselves, so the person can find
    them; pictures with almost nothing in them (blank, one colour, a bar) look alike to a perceptual
    hash without being the same photo, and never link."""
    hashes, names = [], {}
    for platform, item, source, phash, detail in store.photo_hashes():
        if not phash or not _has_detail(int(phash, 16), detail):
            continue
        hashes.append((platform, item, int(phash, 16)))
        names[item] = (platform, source.rsplit("/", 1)[-1])
    groups: dict[int, dict[str, list[str]]] = defaultdict(lambda: defaultdict(list))
    for (p1, p2), (i1, i2, value) in same_photo_pairs(hashes).items():
        for platform, item in ((p1, i1), (p2, i2)):
            if item not in groups[value][platform]:
                groups[value][platform].append(item)
    for per_platform in groups.values():
        shown = " = ".join(f"{names[i][1]} ({names[i][0]})" for p in sorted(per_platform) for i in per_platform[p])
        tie("same_photo", shown, per_platform)


MIN_DETAIL = 2.0  # bits of grey-level entropy: a real photo has 5 to 7.5, a blank or one-colour picture ~0


def _has_detail(phash: int, detail: float | None) -> bool:
    """A picture with enough in it to be recognised. A perceptual hash sets about half its 64 bits
    (each DCT term against their median); a flat picture sets one or none, e.g. 8000000000000000."""
    if detail is not None and detail < MIN_DETAIL:
        return False
    return 8 <= phash.bit_count() <= 56


def same_photo_pairs(
    hashes: list[tuple[str, str, int]], max_distance: int = PHASH_MAX_DISTANCE
) -> dict[tuple[str, str], tuple[str, str, int]]:
    """For each pair of platforms that share a photo (perceptual hashes within `max_distance`
    bits), one such pair of items: {(platform1, platform2): (item1, item2, hash1)}.

    Pigeonhole: two 64-bit hashes within 7 bits of each other share at least one of their 8
    bytes, so only hashes with the same byte in the same place are compared, a block at a time
    with numpy (pairs are never listed: the old pair-by-pair loop took 1 GB at 20k photos)."""
    import numpy as np

    assert max_distance < 8
    platforms = sorted({p for p, _, _ in hashes})
    if len(platforms) < 2:
        return {}
    index = {p: i for i, p in enumerate(platforms)}
    owner = np.array([index[p] for p, _, _ in hashes], dtype=np.int64)
    values = np.array([v for _, _, v in hashes], dtype=np.uint64)
    found: dict[tuple[int, int], tuple[int, int]] = {}
    for band in range(8):
        keys = (values >> np.uint64(8 * band)) & np.uint64(0xFF)
        order = np.argsort(keys, kind="stable")
        for group in np.split(order, np.flatnonzero(np.diff(keys[order])) + 1):
            if len(group) < 2 or np.all(owner[group] == owner[group[0]]):
                continue
            for start in range(0, len(group), 512):  # at most 512 x group comparisons in memory
                rows = group[start : start + 512]
                close = np.bitwise_count(values[rows, None] ^ values[None, group]) <= max_distance
                close &= owner[rows, None] < owner[None, group]  # other platform, each pair once
                a, b = np.nonzero(close)
                codes = owner[rows[a]] * len(platforms) + owner[group[b]]
                _, first = np.unique(codes, return_index=True)
                for k in first:
                    x, y = int(rows[a[k]]), int(group[b[k]])
                    pair = (int(owner[x]), int(owner[y]))
                    if pair not in found or (x, y) < found[pair]:
                        found[pair] = (x, y)  # the earliest items, so the result does not depend on order
    return {
        (platforms[p], platforms[q]): (hashes[x][1], hashes[y][1], hashes[x][2])
        for (p, q), (x, y) in sorted(found.items())
    }
