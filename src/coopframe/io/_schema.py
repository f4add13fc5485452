"""The JSON Schema of the document format, derived from the model's types."""

from __future__ import annotations

import datetime as dt
import enum
import re
import types
import typing
from typing import Any

import attrs

from coopframe.io._converter import _is_tuple_of
from coopframe.io._document import FORMAT_VERSION
from coopframe.model import Agreement, Roadmap


def json_schema() -> dict[str, Any]:
    """A JSON Schema (draft 2020-12) of the document format, derived from the model's types.

    It describes the shape of a document: keys, types, enums and required fields. The
    cross-object rules (unique ids, references that resolve, no cycles) are beyond JSON Schema
    and are checked when a document is loaded.

    Examples
    --------
    >>> schema = cf.io.json_schema()
    >>> sorted(schema["$defs"]["Activity"]["required"])
    ['axis', 'id', 'title']
    """
    definitions: dict[str, Any] = {}
    for cls in (Roadmap, Agreement):
        _schema_for(cls, definitions)
    return {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "$id": "https://coopframe.readthedocs.io/schema/coopframe-1.json",
        "title": "coopframe document",
        "description": "A coopframe roadmap or agreement document, format version 1.",
        "type": "object",
        "properties": {
            "coopframe": {"const": FORMAT_VERSION, "description": "The format version."},
            "roadmap": {"$ref": "#/$defs/Roadmap"},
            "agreement": {"$ref": "#/$defs/Agreement"},
        },
        "required": ["coopframe"],
        "oneOf": [{"required": ["roadmap"]}, {"required": ["agreement"]}],
        "additionalProperties": False,
        "$defs": dict(sorted(definitions.items())),
    }


_DOC_PARAM = re.compile(r"^(\w+(?:, \w+)*)\n((?:    .*\n?)+)", re.MULTILINE)


def _field_docs(cls: type) -> dict[str, str]:
    """Field descriptions from a numpydoc ``Parameters`` section."""
    doc = cls.__doc__ or ""
    if "Parameters\n" not in doc:
        return {}
    section = doc.split("Parameters\n", 1)[1]
    section = re.sub(r"^ {4}", "", section, flags=re.MULTILINE)
    section = section.split("\nExamples\n", 1)[0]
    docs: dict[str, str] = {}
    for match in _DOC_PARAM.finditer(section):
        text = " ".join(line.strip() for line in match.group(2).splitlines()).strip()
        for name in match.group(1).split(", "):
            docs[name] = text
    return docs


def _schema_for(type_: Any, definitions: dict[str, Any]) -> dict[str, Any]:
    if type_ is str:
        return {"type": "string"}
    if type_ is float:
        return {"type": "number"}
    if type_ is int:
        return {"type": "integer"}
    if type_ is bool:
        return {"type": "boolean"}
    if type_ is dt.date:
        return {"type": "string", "format": "date", "pattern": r"^\d{4}-\d{2}-\d{2}$"}
    if isinstance(type_, type) and issubclass(type_, enum.Enum):
        return {"type": "string", "enum": [member.value for member in type_]}
    supertype = getattr(type_, "__supertype__", None)
    if supertype is not None:
        return _schema_for(supertype, definitions)
    if _is_tuple_of(type_):
        return {"type": "array", "items": _schema_for(typing.get_args(type_)[0], definitions)}
    origin = typing.get_origin(type_)
    if origin is typing.Union or origin is types.UnionType:
        options = [arg for arg in typing.get_args(type_) if arg is not type(None)]
        schemas = [_schema_for(option, definitions) for option in options]
        return {"anyOf": [*schemas, {"type": "null"}]}
    if attrs.has(type_):
        name = type_.__name__
        if name not in definitions:
            definitions[name] = {}  # placeholder against recursion
            hints = typing.get_type_hints(type_)
            docs = _field_docs(type_)
            properties: dict[str, Any] = {}
            required: list[str] = []
            for field in attrs.fields(type_):
                if not field.init:
                    continue
                schema = dict(_schema_for(hints[field.name], definitions))
                if field.name in docs:
                    schema["description"] = docs[field.name]
                properties[field.name] = schema
                if field.default is attrs.NOTHING:
                    required.append(field.name)
            summary = (type_.__doc__ or "").strip().split("\n\n", 1)[0]
            definitions[name] = {
                "type": "object",
                "description": " ".join(summary.split()),
                "properties": properties,
                "required": required,
                "additionalProperties": False,
            }
        return {"$ref": f"#/$defs/{name}"}
    raise TypeError(f"no JSON Schema for {type_!r}")  # pragma: no cover - the model is fixed
