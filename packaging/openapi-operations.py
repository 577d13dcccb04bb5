#!/usr/bin/env python3
"""Writes resources/api/operations.json: every operation of Instana's REST API specification
(method, path, summary, tag, operationId, the path and query parameters, and the request body's
example as JSON text for POST and PUT), for the REST Browser's request line and `iwb api
operations`. Compiled into the core as the Qt resource :/api/operations.json.

    packaging/openapi-operations.py /work/shared/instana-api/openapi.yaml [OUTPUT|-]

OUTPUT defaults to resources/api/operations.json beside this script; "-" writes to standard
output. Unlike endpoint-permissions.py, which reads one line of prose per operation, this reads
the YAML with PyYAML (python3-yaml, in packaging/install-deps.sh): request body examples are
nested YAML of every kind (flow and block style, quoted and plain scalars, multi-line strings)
that must become exact JSON, which a line reader cannot do faithfully. Scalars keep YAML 1.1's
types except timestamps, which stay text as JSON has no dates; the spec's `=` enum value is
the text "=".
"""

import json
import os
import re
import sys

import yaml

METHODS = ("get", "put", "post", "delete", "patch", "head", "options")
BODY_METHODS = ("post", "put")
PLACEHOLDER = re.compile(r"\{([^{}/]+)\}|<([^<>/]+)>")


class SpecLoader(getattr(yaml, "CSafeLoader", yaml.SafeLoader)):
    """Safe loading, with timestamps left as text and `=` as a plain string."""


SpecLoader.add_constructor("tag:yaml.org,2002:value", lambda loader, node: loader.construct_scalar(node))
SpecLoader.yaml_implicit_resolvers = {
    first: [(tag, regexp) for tag, regexp in resolvers if tag != "tag:yaml.org,2002:timestamp"]
    for first, resolvers in SpecLoader.yaml_implicit_resolvers.items()
}


def as_text(value):
    """A scalar as a person types it in a query: text as it is, everything else as JSON writes it."""
    return value if isinstance(value, str) else json.dumps(value, ensure_ascii=False)


def one_line(text):
    return re.sub(r"\s+", " ", str(text or "")).strip()


def resolve(spec, node):
    """Follows one local $ref ('#/components/schemas/X'), as far as it goes."""
    seen = set()
    while isinstance(node, dict) and "$ref" in node:
        ref = node["$ref"]
        if ref in seen or not ref.startswith("#/"):
            return {}
        seen.add(ref)
        target = spec
        for part in ref[2:].split("/"):
            target = target.get(part, {}) if isinstance(target, dict) else {}
        node = target
    return node if isinstance(node, dict) else {}


def parameter(spec, raw):
    par = resolve(spec, raw)
    schema = resolve(spec, par.get("schema", {}))
    kind = schema.get("type", "")
    enum = schema.get("enum")
    if kind == "array":
        items = resolve(spec, schema.get("items", {}))
        kind = "array of " + items.get("type", "string")
        enum = enum or items.get("enum")
    out = {
        "name": par.get("name", ""),
        "in": par.get("in", ""),
        "required": bool(par.get("required", False)),
        "type": kind,
        "description": one_line(par.get("description")),
    }
    if enum:
        out["enum"] = [as_text(value) for value in enum]
    if "example" in par:
        out["example"] = as_text(par["example"])
    return out


def body_example(spec, operation):
    body = resolve(spec, operation.get("requestBody", {}))
    media = body.get("content", {}).get("application/json")
    if not isinstance(media, dict):
        return None
    if "example" in media:
        return media["example"]
    examples = media.get("examples")
    if isinstance(examples, dict) and examples:
        first = resolve(spec, next(iter(examples.values())))
        if "value" in first:
            return first["value"]
    schema = resolve(spec, media.get("schema", {}))
    if "example" in schema:
        return schema["example"]
    return None


def operations(spec):
    result = []
    for path, item in (spec.get("paths") or {}).items():
        shared = item.get("parameters", []) if isinstance(item, dict) else []
        for method in METHODS:
            operation = item.get(method) if isinstance(item, dict) else None
            if not isinstance(operation, dict):
                continue
            names = set()
            params = []
            for raw in list(operation.get("parameters", [])) + list(shared):
                par = parameter(spec, raw)
                if par["in"] not in ("path", "query") or (par["in"], par["name"]) in names:
                    continue
                names.add((par["in"], par["name"]))
                params.append(par)
            # A placeholder the spec writes without declaring it (`applications;id=<appId>/services`).
            for name in PLACEHOLDER.findall(path):
                name = name[0] or name[1]
                if ("path", name) not in names:
                    names.add(("path", name))
                    params.append({"name": name, "in": "path", "required": True, "type": "string", "description": ""})
            tags = operation.get("tags") or [""]
            entry = {
                "method": method.upper(),
                "path": path,
                "summary": one_line(operation.get("summary")),
                "tag": str(tags[0]),
                "operationId": str(operation.get("operationId", "")),
                "parameters": params,
            }
            if method in BODY_METHODS:
                example = body_example(spec, operation)
                if example is not None:
                    entry["body"] = json.dumps(example, indent=2, ensure_ascii=False)
            result.append(entry)
    result.sort(key=lambda op: (op["path"], METHODS.index(op["method"].lower())))
    return result


def render(ops):
    lines = [json.dumps(op, ensure_ascii=False, separators=(",", ":")) for op in ops]
    return '{"operations":[\n' + ",\n".join(lines) + "\n]}\n"


def main(argv):
    if len(argv) < 2 or len(argv) > 3:
        sys.stderr.write("usage: openapi-operations.py OPENAPI_YAML [OUTPUT|-]\n")
        return 2
    with open(argv[1], encoding="utf-8") as source:
        spec = yaml.load(source, Loader=SpecLoader)
    text = render(operations(spec))
    here = os.path.dirname(os.path.abspath(__file__))
    output = argv[2] if len(argv) == 3 else os.path.join(here, "..", "resources", "api", "operations.json")
    if output == "-":
        sys.stdout.write(text)
    else:
        with open(output, "w", encoding="utf-8") as out:
            out.write(text)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
