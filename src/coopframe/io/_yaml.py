"""The hardened YAML reader: the safe loader, plain tags only, bounded while it reads."""

from __future__ import annotations

import sys
from collections.abc import Callable
from typing import Any, Final

import yaml

from coopframe.exceptions import DocumentSyntaxError
from coopframe.io._document import FORMAT_VERSION, _check_written_version
from coopframe.io._limits import Limits
from coopframe.io._values import _short


class _SafeLoader(getattr(yaml, "CSafeLoader", yaml.SafeLoader)):  # type: ignore[misc]
    """The safe loader (C when present) refusing duplicate keys in a mapping."""


def _construct_mapping(loader: Any, node: yaml.MappingNode, deep: bool = False) -> dict[Any, Any]:
    loader.flatten_mapping(node)
    mapping: dict[Any, Any] = {}
    for key_node, value_node in node.value:
        key = loader.construct_object(key_node, deep=deep)
        try:
            hash(key)
        except TypeError:
            raise yaml.constructor.ConstructorError(
                "while constructing a mapping",
                node.start_mark,
                "found an unhashable key",
                key_node.start_mark,
            ) from None
        if key in mapping:
            raise yaml.constructor.ConstructorError(
                "while constructing a mapping",
                node.start_mark,
                f"found duplicate key {key!r}",
                key_node.start_mark,
            )
        mapping[key] = loader.construct_object(value_node, deep=deep)
    return mapping


def _construct_timestamp(loader: Any, node: yaml.ScalarNode) -> object:
    """A YAML date or time; an impossible one (2025-13-01) stays text, reported with its path."""
    try:
        return yaml.constructor.SafeConstructor.construct_yaml_timestamp(loader, node)
    except (ValueError, OverflowError):
        return loader.construct_scalar(node)


def _checked_scalar(
    tag: str, construct: Callable[[Any, yaml.ScalarNode], object]
) -> Callable[[Any, yaml.ScalarNode], object]:
    """``construct`` for ``tag``, refusing a value the tag cannot hold with its position.

    PyYAML's constructors trust the resolver: given an explicit tag on a value of another
    shape (``!!bool maybe``, ``!!int -``, ``!!timestamp tomorrow``) they fail with a KeyError,
    an IndexError, an AttributeError or a ValueError. Here each becomes a syntax error.
    """
    shown = tag.replace("tag:yaml.org,2002:", "!!")

    def checked(loader: Any, node: yaml.ScalarNode) -> object:
        try:
            return construct(loader, node)
        except (KeyError, IndexError, AttributeError, TypeError, ValueError, OverflowError):
            value = node.value if isinstance(node.value, str) else ""
            if tag.endswith(":int") and len(value) > sys.get_int_max_str_digits() > 0:
                reason = (
                    f"the integer has {len(value):,} digits, more than the "
                    f"{sys.get_int_max_str_digits():,} digits Python converts"
                )
            else:
                reason = f"{_short(value)} is not a valid {shown} value"
            raise _YamlRefused(reason, node.start_mark) from None

    return checked


_SafeLoader.add_constructor(yaml.resolver.BaseResolver.DEFAULT_MAPPING_TAG, _construct_mapping)
_SafeLoader.add_constructor("tag:yaml.org,2002:timestamp", _construct_timestamp)
for _tag in ("bool", "int", "float", "timestamp"):
    _SafeLoader.add_constructor(
        f"tag:yaml.org,2002:{_tag}",
        _checked_scalar(
            f"tag:yaml.org,2002:{_tag}", _SafeLoader.yaml_constructors[f"tag:yaml.org,2002:{_tag}"]
        ),
    )
del _tag

_SafeDumper: Final = getattr(yaml, "CSafeDumper", yaml.SafeDumper)

_PLAIN_TAGS: Final = frozenset(
    f"tag:yaml.org,2002:{name}"
    for name in ("null", "bool", "int", "float", "str", "timestamp", "seq", "map", "merge", "value")
)
"""The YAML tags of plain values; any other (``!!python/...``, ``!!binary``, ``!custom``) is
refused before anything is built."""


class _YamlRefused(Exception):
    """A YAML document beyond the limits or with a tag that is not allowed."""

    def __init__(self, reason: str, mark: Any) -> None:
        super().__init__(reason)
        self.reason = reason
        self.mark = mark


_COLLECTION_TAGS: Final[dict[str, type[yaml.Node]]] = {
    "tag:yaml.org,2002:seq": yaml.SequenceNode,
    "tag:yaml.org,2002:map": yaml.MappingNode,
}
_NODE_KINDS: Final[dict[type[yaml.Node], str]] = {
    yaml.ScalarNode: "a single value",
    yaml.SequenceNode: "a list",
    yaml.MappingNode: "a mapping",
}


def _yaml_tag(loader: Any, event: Any, kind: type[yaml.Node]) -> str:
    tag: str | None = event.tag
    if tag is None or tag == "!":
        resolved: str = loader.resolve(kind, getattr(event, "value", None), event.implicit)
        return resolved
    shown = tag.replace("tag:yaml.org,2002:", "!!")
    if tag not in _PLAIN_TAGS:
        raise _YamlRefused(
            f"could not determine a constructor for the YAML tag {_short(shown)}: coopframe "
            "documents hold plain values only",
            event.start_mark,
        )
    needed = _COLLECTION_TAGS.get(tag, yaml.ScalarNode)
    if kind is not needed:
        raise _YamlRefused(
            f"the YAML tag {shown} needs {_NODE_KINDS[needed]}, not {_NODE_KINDS[kind]}",
            event.start_mark,
        )
    return tag


def _compose_yaml(loader: Any, limits: Limits, text: str) -> yaml.Node | None:
    """Build the node graph of a single YAML document, within ``limits``, without recursion.

    It replaces PyYAML's composer, which recurses (the C one crashes the interpreter on
    documents nested some 100,000 deep) and lets a few aliases stand for billions of values.
    Here nesting beyond ``limits.max_depth`` is refused as soon as it is read; every alias adds
    the number of values it stands for to a count bounded by ``limits.max_aliases``; every
    value, aliases counted as what they stand for, to a count bounded by ``limits.max_nodes``;
    and every alias adds the length of the text it stands for (in bytes of UTF-8) to the
    document's own, which with its aliases written out must stay within ``limits.max_bytes``.
    """
    # One loop over the events, kept whole: every count and the stack of open collections
    # change on each event, and the loop runs once per value of the document (split into
    # functions, it would pass them all back and forth, and read large documents slower).
    events = yaml.events
    get_event = loader.get_event
    get_event()  # stream start
    if loader.check_event(events.StreamEndEvent):
        get_event()
        return None
    get_event()  # document start
    anchors: dict[str, yaml.Node] = {}
    sizes: dict[int, tuple[int, int]] = {}  # values and characters each anchored node stands for
    open_nodes: set[int] = set()  # anchored collections not yet closed
    aliased = 0
    nodes = 0
    length = -1  # bytes of the document with its aliases written out; measured at the first
    stack: list[list[Any]] = []  # [node, anchor, values, characters added by aliases]
    max_depth, max_nodes = limits.max_depth, limits.max_nodes
    root: yaml.Node
    while True:
        event = get_event()
        kind = type(event)
        size = 1
        extra = 0
        node: yaml.Node
        if kind is events.ScalarEvent:
            node = yaml.ScalarNode(
                _yaml_tag(loader, event, yaml.ScalarNode),
                event.value,
                event.start_mark,
                event.start_mark,  # one mark per node: nothing reads the end, and marks are big
                style=event.style,
            )
            if event.anchor is not None:
                _anchor(anchors, event, node)
                sizes[id(node)] = (1, _span(text, event.start_mark, event.end_mark))
        elif kind is events.AliasEvent:
            target = anchors.get(event.anchor)
            if target is None:
                raise yaml.composer.ComposerError(
                    None, None, f"found undefined alias {event.anchor!r}", event.start_mark
                )
            if id(target) in open_nodes:
                raise _YamlRefused(
                    f"the alias *{event.anchor} refers to a value that holds it", event.start_mark
                )
            node = target
            size, characters = sizes[id(target)]
            aliased += size
            if aliased > limits.max_aliases:
                raise _YamlRefused(
                    f"the aliases repeat more than {limits.max_aliases:,} values "
                    "(Limits.max_aliases)",
                    event.start_mark,
                )
            extra = characters
            if length < 0:
                length = _utf8_length(text)
            length += characters - (event.end_mark.index - event.start_mark.index)
            if length > limits.max_bytes:
                raise _YamlRefused(
                    "with its aliases written out, the document is more than "
                    f"{limits.max_bytes:,} bytes (Limits.max_bytes)",
                    event.start_mark,
                )
        elif kind is events.SequenceStartEvent or kind is events.MappingStartEvent:
            if len(stack) >= max_depth:
                raise _YamlRefused(
                    f"the document is nested more than {max_depth} lists and mappings deep "
                    "(Limits.max_depth)",
                    event.start_mark,
                )
            node_kind = yaml.SequenceNode if kind is events.SequenceStartEvent else yaml.MappingNode
            node = node_kind(
                _yaml_tag(loader, event, node_kind),
                [],
                event.start_mark,
                None,
                flow_style=event.flow_style,
            )
            if event.anchor is not None:
                _anchor(anchors, event, node)
                open_nodes.add(id(node))
            stack.append([node, event.anchor, 1, 0])
            nodes += 1
            if nodes > max_nodes:
                raise _too_many_nodes(max_nodes, event.start_mark)
            continue
        elif kind is events.SequenceEndEvent or kind is events.MappingEndEvent:
            node, anchor, size, extra = stack.pop()
            node.end_mark = node.start_mark
            if kind is events.MappingEndEvent:
                items = iter(node.value)
                node.value = list(zip(items, items, strict=True))
            if anchor is not None:
                sizes[id(node)] = (size, _span(text, node.start_mark, event.end_mark) + extra)
                open_nodes.discard(id(node))
        if kind is events.ScalarEvent or kind is events.AliasEvent:
            nodes += size
            if nodes > max_nodes:
                raise _too_many_nodes(max_nodes, event.start_mark)
        if not stack:
            root = node
            break
        parent = stack[-1]
        parent[0].value.append(node)
        parent[2] += size
        parent[3] += extra
    get_event()  # document end
    if not loader.check_event(events.StreamEndEvent):
        event = get_event()
        raise yaml.composer.ComposerError(
            "expected a single document in the stream",
            root.start_mark,
            "but found another document",
            event.start_mark,
        )
    get_event()
    return root


def _utf8_length(text: str) -> int:
    return len(text) if text.isascii() else len(text.encode("utf-8", "surrogatepass"))


def _span(text: str, start: Any, end: Any) -> int:
    """Bytes of UTF-8 from mark ``start`` to mark ``end`` (character indexes) of ``text``."""
    return _utf8_length(text[start.index : end.index])


def _too_many_nodes(max_nodes: int, mark: Any) -> _YamlRefused:
    return _YamlRefused(
        f"the document holds more than {max_nodes:,} values, aliases counted as the values "
        "they stand for (Limits.max_nodes)",
        mark,
    )


def _anchor(anchors: dict[str, yaml.Node], event: Any, node: yaml.Node) -> None:
    if event.anchor in anchors:
        raise yaml.composer.ComposerError(
            f"found duplicate anchor {event.anchor!r}; first occurrence",
            anchors[event.anchor].start_mark,
            "second occurrence",
            event.start_mark,
        )
    anchors[event.anchor] = node


def _load_yaml(text: str, limits: Limits, source: str) -> object:
    loader = _SafeLoader(text)
    try:
        node = _compose_yaml(loader, limits, text)
        if node is None:
            return None
        version = _yaml_version_node(node)
        data = loader.construct_document(node)
        if version is not None and version.value != str(FORMAT_VERSION):
            _check_written_version(data, version.value, source)
        return data
    finally:
        loader.dispose()


_INT_TAG: Final = "tag:yaml.org,2002:int"


def _yaml_version_node(root: yaml.Node) -> yaml.ScalarNode | None:
    """The integer scalar holding a document's format version, if it has one."""
    if not isinstance(root, yaml.MappingNode):
        return None
    for key, value in root.value:
        if (
            isinstance(key, yaml.ScalarNode)
            and key.value == "coopframe"
            and isinstance(value, yaml.ScalarNode)
            and value.tag == _INT_TAG
        ):
            return value
    return None


def _parse_yaml(text: str, source: str, limits: Limits) -> object:
    """The parsed YAML document ``text``; every refusal is a :class:`DocumentSyntaxError`."""
    try:
        return _load_yaml(text, limits, source)
    except UnicodeEncodeError as exc:
        raise DocumentSyntaxError(
            f"the text holds a lone surrogate (\\u{ord(text[exc.start]):04x}) at character "
            f"{exc.start + 1:,}, which is not a character",
            source=source,
        ) from None
    except _YamlRefused as exc:
        raise DocumentSyntaxError(
            exc.reason, source=source, line=exc.mark.line + 1, column=exc.mark.column + 1
        ) from None
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        reason = " ".join(part for part in (exc.context, exc.problem) if part) or "invalid YAML"
        raise DocumentSyntaxError(
            reason,
            source=source,
            line=mark.line + 1 if mark else None,
            column=mark.column + 1 if mark else None,
        ) from None
    except yaml.YAMLError as exc:
        raise DocumentSyntaxError(str(exc), source=source) from None
    except RecursionError:
        raise DocumentSyntaxError("the document is nested too deeply", source=source) from None


def _dump_yaml(document: dict[str, Any]) -> str:
    text: str = yaml.dump(
        document,
        Dumper=_SafeDumper,
        allow_unicode=True,
        sort_keys=False,
        default_flow_style=False,
        width=100,
    )
    return text
