"""A what-if policy file (policy/whatif/*.yaml) holds only the rules it changes: an overlay, deep-merged over the
policy in force (policy/policy.yaml). A whole copy still works: it is an overlay that sets every rule to a value.

Mappings merge key by key; a scalar or a list replaces the value in force whole. A list of named items
(publicity_regimes) is matched by name, as the what-if's rules-changed table (creditwh/whatif/diff.py) shows it:
an overlay item changes the regime of its name key by key, e.g. only `serious.max_months` of one regime, and the
regimes keep the order in force. A regime cannot be added or dropped by an overlay (a name not in force is refused
as a typo would be): a new regime's dates touch its neighbours', which is a change to policy.yaml itself.
"""

from __future__ import annotations

import copy
from typing import Any

# the version a what-if's rows record when its file gives none
WHATIF_VERSION_SUFFIX = "-whatif"


class PolicyOverlayError(ValueError):
    """A what-if file names a rule the policy in force does not have, or gives a section of it a single value."""

    def __init__(self, message: str, paths: list[str]) -> None:
        super().__init__(message)
        self.paths = paths


def is_named_list(value: object) -> bool:
    """A list of named items (publicity_regimes): each a mapping with a `name`."""
    return isinstance(value, list) and bool(value) and all(isinstance(i, dict) and "name" in i for i in value)


def overlay(live: dict[str, Any], changes: object, source: str) -> dict[str, Any]:
    """The policy in force with the what-if file's `changes` merged over it (neither is modified). A key the policy
    in force does not have is refused with its dotted path: a misspelt key must not silently change nothing."""
    if changes is None:  # an empty file (or comments only): the policy in force, under a what-if version
        changes = {}
    if not isinstance(changes, dict):
        raise PolicyOverlayError(
            f"备选规则文件 {source} 应为“规则项: 值”的映射 / {source} must be a mapping of policy keys to values", []
        )
    problems: dict[str, list[str]] = {"unknown": [], "section": [], "unnamed": []}
    merged = _merge(live, changes, "", problems)
    if unknown := problems["unknown"]:
        raise PolicyOverlayError(
            f"备选规则文件 {source} 中的规则项 {'、'.join(unknown)} 在现行规则 policy/policy.yaml 中没有（拼写有误的"
            f"规则项不会改变任何规则，请对照 policy.yaml 核对） / {source}: {', '.join(unknown)} is not a key of the "
            "policy in force (policy/policy.yaml); a misspelt key would change nothing, check it against policy.yaml",
            unknown,
        )
    if sections := problems["section"]:
        raise PolicyOverlayError(
            f"备选规则文件 {source} 把现行规则的整节 {'、'.join(sections)} 改成了单个值，请在该节下列出要改的规则项 / "
            f"{source} gives a single value to the section {', '.join(sections)} of the policy in force: list the "
            "keys to change under it",
            sections,
        )
    if unnamed := problems["unnamed"]:
        raise PolicyOverlayError(
            f"备选规则文件 {source} 中 {'、'.join(unnamed)} 没有 name：列表的每一项须以 name 指明要改的是哪一项 / "
            f"{source}: {', '.join(unnamed)} has no name; each item of a named list names the item it changes",
            unnamed,
        )
    if "version" not in changes:
        merged["version"] = f"{live['version']}{WHATIF_VERSION_SUFFIX}"
    return merged


def _merge(live: dict, changes: dict, prefix: str, problems: dict[str, list[str]]) -> dict:
    merged = copy.deepcopy(live)
    for key, value in changes.items():
        path = f"{prefix}.{key}" if prefix else str(key)
        if key not in live:
            problems["unknown"].append(path)
            continue
        current = live[key]
        if isinstance(current, dict):
            # an empty `severity:` (its keys commented out) would otherwise wipe the section
            if not isinstance(value, dict):
                problems["section"].append(path)
                continue
            merged[key] = _merge(current, value, path, problems)
        elif is_named_list(current) and isinstance(value, list):
            merged[key] = _merge_named(current, value, path, problems)
        else:
            merged[key] = copy.deepcopy(value)
    return merged


def _merge_named(live: list[dict], changes: list, path: str, problems: dict[str, list[str]]) -> list[dict]:
    """Each overlay item merged into the item in force of its name; the order in force kept."""
    merged = copy.deepcopy(live)
    index = {item["name"]: n for n, item in enumerate(live)}
    for n, item in enumerate(changes, start=1):
        if not isinstance(item, dict) or "name" not in item:
            problems["unnamed"].append(f"{path}[{n}]")
            continue
        if item["name"] not in index:
            problems["unknown"].append(f"{path}[{item['name']}]")
            continue
        at = index[item["name"]]
        merged[at] = _merge(live[at], item, f"{path}[{item['name']}]", problems)
    return merged
