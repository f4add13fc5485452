"""Griffe extensions for the API reference: attrs signatures and Sphinx-style roles.

``AttrsInit`` gives attrs classes their ``__init__`` signature.

Griffe reads the source statically and knows how dataclasses build ``__init__``, but not attrs:
an ``@attrs.frozen`` class would show no signature, and the numpydoc ``Parameters`` section of
its docstring would name parameters that griffe cannot find. This extension imports each attrs
class once the package is loaded and builds its ``__init__`` from ``attrs.fields``: the names
the generated ``__init__`` takes (private fields by their alias), keyword-only or not,
annotations (the converter's input type where a field has a converter, as attrs does) and
defaults. Everything else keeps griffe's static analysis, including module attribute
docstrings.

``SphinxRoles`` turns the Sphinx roles the docstrings use (``:func:`evaluate```,
``:class:`~coopframe.model.Roadmap```, ``:attr:`Axis.pillars <coopframe.model.Axis.pillars>```)
into links of the reference when they name a coopframe object, and into code otherwise, since
mkdocstrings reads Markdown and would print the roles as they are.

Loaded by ``mkdocs.yml``; not part of the coopframe package.
"""

from __future__ import annotations

import enum
import inspect
import re
from typing import Any

import attrs
import griffe


def _is_attrs_class(cls: griffe.Class) -> bool:
    for decorator in cls.decorators:
        value = decorator.value
        path = value.canonical_path if isinstance(value, griffe.Expr) else str(value)
        if path.split("(")[0].startswith(("attrs.", "attr.")):
            return True
    return False


def _default(field: attrs.Attribute[Any]) -> str | None:
    default: Any = field.default
    if default is attrs.NOTHING:
        return None
    if isinstance(default, attrs.Factory):  # type: ignore[arg-type]
        factory: Any = default.factory
        return f"{getattr(factory, '__name__', repr(factory))}()"
    if isinstance(default, enum.Enum):
        return f"{type(default).__name__}.{default.name}"
    return repr(default)


def _annotation(cls: griffe.Class, field: attrs.Attribute[Any]) -> str | griffe.Expr | None:
    converter: Any = field.converter
    if converter is not None:
        try:
            first = next(iter(inspect.signature(converter).parameters.values()))
        except (TypeError, ValueError, StopIteration):
            first = None
        if first is not None and first.annotation is not inspect.Parameter.empty:
            text = first.annotation
            if not isinstance(text, str):
                text = getattr(text, "__name__", repr(text))
            docstring = cls.docstring or griffe.Docstring("", parent=cls)
            return griffe.parse_docstring_annotation(text, docstring)
    member = cls.members.get(field.name)
    if isinstance(member, griffe.Attribute) and member.annotation is not None:
        return member.annotation
    return None


def _set_init(cls: griffe.Class) -> None:
    try:
        runtime = griffe.dynamic_import(cls.path)
    except ImportError:
        return
    if not attrs.has(runtime):
        return
    parameters = [griffe.Parameter("self", kind=griffe.ParameterKind.positional_or_keyword)]
    for field in attrs.fields(runtime):
        if not field.init:
            continue
        kind = (
            griffe.ParameterKind.keyword_only
            if field.kw_only
            else griffe.ParameterKind.positional_or_keyword
        )
        parameters.append(
            griffe.Parameter(
                field.alias or field.name,
                annotation=_annotation(cls, field),
                kind=kind,
                default=_default(field),
            )
        )
    init = griffe.Function(
        "__init__",
        lineno=0,
        endlineno=0,
        parent=cls,
        parameters=griffe.Parameters(*parameters),
        returns="None",
    )
    cls.set_member("__init__", init)


def _walk(obj: griffe.Module | griffe.Class, seen: set[str]) -> None:
    if obj.path in seen:
        return
    seen.add(obj.path)
    if isinstance(obj, griffe.Class) and "__init__" not in obj.members and _is_attrs_class(obj):
        _set_init(obj)
    for member in list(obj.members.values()):
        if member.is_alias:
            continue
        if isinstance(member, griffe.Module | griffe.Class):
            _walk(member, seen)


class AttrsInit(griffe.Extension):
    """Build ``__init__`` for every attrs class of a loaded package."""

    def on_package(self, *, pkg: griffe.Module, **kwargs: Any) -> None:
        """Walk the package once it is loaded."""
        _walk(pkg, set())


_ROLE = re.compile(r":(?:func|class|meth|attr|data|mod|obj|exc):`(~?)([^`<]+?)\s*(?:<([^`>]+)>)?`")


def _target(obj: griffe.Object, name: str) -> str | None:
    """The path of the coopframe object ``name`` refers to from ``obj``, if there is one."""
    candidates = [name] if name.startswith("coopframe.") else []
    scope: griffe.Object | None = obj
    while scope is not None and not name.startswith("coopframe."):
        candidates.append(f"{scope.path}.{name}")
        scope = scope.parent
    collection = obj.modules_collection
    for path in candidates:
        try:
            found = collection[path]
        except (KeyError, ValueError, griffe.AliasResolutionError, griffe.CyclicAliasError):
            continue
        return _rendered(found)
    return None


def _rendered(found: griffe.Object | griffe.Alias) -> str | None:
    """The anchor under which the reference shows ``found``, or None if it does not show it."""
    path = found.path
    if found.is_alias:
        try:
            target = found.final_target  # type: ignore[union-attr]
        except (griffe.AliasResolutionError, griffe.CyclicAliasError):
            return None
        if not target.path.startswith("coopframe."):
            return None
        if not any(part.startswith("_") for part in target.path.split(".")):
            path = target.path
        found = target
    if any(part.startswith("_") for part in path.split(".")):
        return None
    if found.is_attribute and not found.docstring and found.parent is not None:
        # An attrs field without a docstring of its own: documented in its class's docstring.
        return _rendered(found.parent)
    return path


def _rewrite(obj: griffe.Object) -> None:
    docstring = obj.docstring
    if docstring is None or ":" not in docstring.value:
        return

    def link(match: re.Match[str]) -> str:
        tilde, text, explicit = match.group(1), match.group(2).strip(), match.group(3)
        name = explicit.strip() if explicit else text
        shown = text if explicit else (name.rsplit(".", 1)[-1] if tilde else name)
        path = _target(obj, name)
        return f"[`{shown}`][{path}]" if path else f"`{shown}`"

    docstring.value = _ROLE.sub(link, docstring.value)


def _walk_docstrings(obj: griffe.Object, seen: set[str]) -> None:
    if obj.path in seen:
        return
    seen.add(obj.path)
    _rewrite(obj)
    for member in list(obj.members.values()):
        if not member.is_alias:
            _walk_docstrings(member, seen)  # type: ignore[arg-type]


class SphinxRoles(griffe.Extension):
    """Rewrite Sphinx roles in every docstring of a loaded package."""

    def on_package(self, *, pkg: griffe.Module, **kwargs: Any) -> None:
        """Walk the package once it is loaded."""
        _walk_docstrings(pkg, set())
