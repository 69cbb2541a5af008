"""Compare a JSON value with a contract sample by shape: keys, nesting and JSON types.

`shape_errors(actual, sample)` walks both values together. Objects must have every key of the
sample (keys starting with `_`, such as `_comment`, are notes and skipped) and, unless
`allow_extra`, no others; values must have the same JSON type (`int` and `float` are different
types, `bool` is not a number); a list is checked item by item against the sample's first item.
Where the contract says a field is nullable (`NULLABLE`, by key name) null and a value are both
accepted; free-form objects (`FREEFORM`, e.g. `custom_attributes`) are only checked to be objects.
`assert_same_shape` raises an `AssertionError` listing every difference with its JSON path.
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from pathlib import Path
from typing import Any

# Byte-identical copies of the contract's samples/ (CONTRACT §11), so CI needs nothing outside
# the checkout.
SAMPLES = Path(__file__).with_name("contract_samples")

# Fields the contract (§2.4, §3.3, §3.4, §5.2, §6.1, §7.5) documents as "… or null".
NULLABLE: frozenset[str] = frozenset(
    {
        "assignee",
        "assignee_id",
        "assignee_type",
        "content",
        "email",
        "first_reply_created_at",
        "hmac_verified",
        "identifier",
        "phone_number",
        "priority",
        "processed_message_content",
        "read_at",
        "secondary_actor",
        "sender_id",
        "sender_type",
        "snoozed_until",
        "source_id",
        "team",
    }
)

# Objects whose keys are data, not schema.
FREEFORM: frozenset[str] = frozenset(
    {
        "additional_attributes",
        "content_attributes",
        "custom_attributes",
        "external_source_ids",
        "sentiment",
        "ui_settings",
    }
)


def json_type(value: Any) -> str:
    """The JSON type name of a decoded value."""
    if value is None:
        return "null"
    if isinstance(value, bool):
        return "boolean"
    if isinstance(value, int):
        return "integer"
    if isinstance(value, float):
        return "float"
    if isinstance(value, str):
        return "string"
    if isinstance(value, list):
        return "array"
    if isinstance(value, dict):
        return "object"
    return type(value).__name__


def shape_errors(
    actual: Any,
    sample: Any,
    *,
    path: str = "$",
    nullable: Iterable[str] = NULLABLE,
    freeform: Iterable[str] = FREEFORM,
    optional: Iterable[str] = (),
    allow_extra: bool = False,
) -> list[str]:
    """Every difference in shape between `actual` and `sample`, as `path: what` lines."""
    checker = _Checker(frozenset(nullable), frozenset(freeform), frozenset(optional), allow_extra)
    checker.compare(actual, sample, path, key=None)
    return checker.errors


def assert_same_shape(actual: Any, sample: Any, **options: Any) -> None:
    errors = shape_errors(actual, sample, **options)
    assert not errors, "shape differs from the sample:\n  " + "\n  ".join(errors)


def load_sample(name: str) -> Any:
    """A sample payload from the contract's `samples/` folder."""
    return json.loads((SAMPLES / name).read_text(encoding="utf-8"))


class _Checker:
    def __init__(
        self,
        nullable: frozenset[str],
        freeform: frozenset[str],
        optional: frozenset[str],
        allow_extra: bool,
    ) -> None:
        self.nullable = nullable
        self.freeform = freeform
        self.optional = optional
        self.allow_extra = allow_extra
        self.errors: list[str] = []

    def compare(self, actual: Any, sample: Any, path: str, key: str | None) -> None:
        want, got = json_type(sample), json_type(actual)
        if want == "null" or got == "null":
            if want != got and key not in self.nullable:
                self.errors.append(f"{path}: {got}, sample has {want} (field is not nullable)")
            return
        if want != got:
            self.errors.append(f"{path}: {got}, sample has {want}")
            return
        if want == "object":
            if key in self.freeform:
                return
            self._compare_objects(actual, sample, path)
        elif want == "array" and sample:
            for index, item in enumerate(actual):
                self.compare(item, sample[0], f"{path}[{index}]", key)

    def _compare_objects(self, actual: dict[str, Any], sample: dict[str, Any], path: str) -> None:
        for name, value in sample.items():
            if name.startswith("_"):
                continue
            if name not in actual:
                if name not in self.optional:
                    self.errors.append(f"{path}.{name}: missing")
                continue
            self.compare(actual[name], value, f"{path}.{name}", name)
        if not self.allow_extra:
            for name in actual:
                if name not in sample and name not in self.optional:
                    self.errors.append(f"{path}.{name}: not in the sample")
