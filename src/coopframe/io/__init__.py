"""Reading and writing coopframe documents (YAML, JSON, TOML) and graph files.

A document is a mapping with the format version and one roadmap or agreement::

    coopframe: 1
    roadmap:
      id: bolivia-peru-2025-2026
      ...

Field names are those of :mod:`coopframe.model`, dates are ISO strings (``2025-04-24``), enums
are written by their lower-case value. The full format is described in ``docs/format.md`` and,
machine-readably, by :func:`json_schema`. :func:`coopframe.load`, :func:`coopframe.loads`,
:func:`coopframe.dump` and :func:`coopframe.dumps` read and write either kind of document;
:func:`coopframe.load_roadmap`, :func:`coopframe.load_agreement` and their ``loads_`` forms
return the kind they are asked for, and refuse the other.

Everything passes through one private :mod:`cattrs` converter with strict scalar hooks (a number
is not silently a string), unknown keys rejected, and every problem reported with its path.
YAML is read with the safe loader only (the C loader when PyYAML has it), and no YAML tag
that would construct anything but plain values is honoured.

Reading is bounded: a document larger, deeper or with longer strings or lists than its
:class:`Limits` allow is refused before it can cost much time or memory. The limits, their
defaults and what each hostile input gives are described in ``docs/limits.md``.

Formats are registries: a document format is one :class:`DocumentFormat` given to
:func:`register_format` (:data:`FORMATS` lists them), a graph format one :class:`GraphFormat`
given to :func:`register_graph_format` (:data:`GRAPH_FORMATS`).

Graph files: :func:`write_graph` and :func:`graph_bytes` write any networkx graph, such as the
builders of :mod:`coopframe.graph` return. Graph values are Python values (dates stay
:class:`datetime.date`, tuples stay tuples, missing values are ``None``); the writers convert
them for each format without touching the graph they are given:

- GraphML and GEXF 1.2 (both readable by :func:`networkx.read_graphml` and
  :func:`networkx.read_gexf`): ``None`` is dropped; dates become ISO strings; enums their
  values; tuples, lists, sets and mappings JSON text (``'["BOL", "PER"]'``, sets sorted);
  booleans ``true``/``false``; an attribute whose values have several types is written as a
  ``double`` (ints and floats) or a ``string``;
- node-link JSON (:func:`to_node_link`): ``None`` stays ``null``; tuples and sets become lists;
- Mermaid (:func:`to_mermaid`) and Graphviz DOT (:func:`to_dot`): nodes and edges with labels
  only (a node's ``label``, ``name`` or ``title``, else its key; an edge's ``label`` or ``kind``).

Attribute names a format keeps for its own fields are written with a trailing underscore: in
GEXF, node ``id``, ``pid``, ``start``, ``end``, ``viz``, ``parents``, ``spells``, ``slices`` and
edge ``id``, ``key``, ``type``, ``start``, ``end``, ``viz``, ``spells``, ``slices`` and
``networkx_key`` (``label``, and an edge's ``weight``, keep their GEXF meaning); in node-link
JSON, node ``id`` and edge ``source``, ``target`` and ``key``. So the ``id`` attribute of
:func:`~coopframe.graph.roadmap_graph` nodes is written as ``id_`` there. Output is
deterministic: the same graph gives the same bytes, and written text is UTF-8.

Text is written so that other programs parse it and read back what the graph holds, and so that
nothing hidden reaches a terminal:

- GraphML and GEXF are valid XML 1.0 whatever the text. Tabs, line breaks, carriage returns,
  C1 controls, bidirectional and zero-width marks are written as character references
  (``&#13;``), so an XML parser reads back the same strings, ``\\r`` included. The characters
  XML 1.0 cannot hold at all (the C0 controls but tab, line feed and carriage return, lone
  surrogates, U+FFFE and U+FFFF) are spelt out as escapes: a NUL is written as the four
  characters ``\\x00``, U+FFFE as ``\\ufffe``.
- Node-link JSON writes the same characters as ``\\u`` escapes (the value is unchanged).
- DOT and Mermaid write one statement per line: in DOT, line breaks (``\\r\\n``, ``\\r``,
  ``\\n``, U+2028, U+2029) become ``\\n`` escapes, in Mermaid spaces; every other control, bidi
  or zero-width character is spelt out as an escape (a tab as ``\\x09``, ESC as ``\\x1b``).

Every exporter writes as it goes, one node or edge at a time: memory beyond the graph grows
with the output only (about 2 to 4 bytes per byte of the roadmap's JSON document).
"""

from coopframe.io._directory import find_documents
from coopframe.io._document import FORMAT_VERSION, Document, structure, unstructure
from coopframe.io._dump import dump as dump
from coopframe.io._dump import dumps as dumps
from coopframe.io._formats import (
    FORMATS,
    DocumentFormat,
    Format,
    format_for_path,
    get_format,
    register_format,
    unregister_format,
)
from coopframe.io._graphfiles import (
    GRAPH_FORMATS,
    GraphFormat,
    get_graph_format,
    graph_bytes,
    graph_format_for_path,
    register_graph_format,
    to_node_link,
    unregister_graph_format,
    write_graph,
)
from coopframe.io._graphtext import to_dot, to_mermaid
from coopframe.io._limits import DEFAULT_LIMITS, Limits
from coopframe.io._load import load as load
from coopframe.io._load import load_agreement as load_agreement
from coopframe.io._load import load_roadmap as load_roadmap
from coopframe.io._load import loads as loads
from coopframe.io._load import loads_agreement as loads_agreement
from coopframe.io._load import loads_roadmap as loads_roadmap
from coopframe.io._schema import json_schema

# load, loads, dump, dumps and the typed loaders are public as coopframe.load and so on: they
# are importable from here for coopframe's own modules, but listed only in coopframe.__all__.
__all__ = [
    "DEFAULT_LIMITS",
    "FORMATS",
    "FORMAT_VERSION",
    "GRAPH_FORMATS",
    "Document",
    "DocumentFormat",
    "Format",
    "GraphFormat",
    "Limits",
    "find_documents",
    "format_for_path",
    "get_format",
    "get_graph_format",
    "graph_bytes",
    "graph_format_for_path",
    "json_schema",
    "register_format",
    "register_graph_format",
    "structure",
    "to_dot",
    "to_mermaid",
    "to_node_link",
    "unregister_format",
    "unregister_graph_format",
    "unstructure",
    "write_graph",
]
