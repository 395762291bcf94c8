"""Writes LodeAPI's Swift types from the protos that declare a service (the others, such as
the framing in rpc.proto, are left alone): one namespace per package, a typed method
descriptor per rpc, a struct per message and enum, each with the .proto comments as doc
comments. Called by Scripts/gen-protos; reads only the .proto text (proto3, as Protos/ writes
it: messages, enums, nested enums, scalar, message, enum and repeated fields).

Usage: python3 gen_swift_api.py PROTOS_DIR OUT_DIR PROTO...
"""
import re
import sys
from pathlib import Path

SCALARS = {"string": ("String", '""'), "bytes": ("[UInt8]", "[]"), "bool": ("Bool", "false"),
           "double": ("Double", "0"), "float": ("Float", "0"), "int32": ("Int32", "0"),
           "int64": ("Int64", "0"), "uint32": ("UInt32", "0"), "uint64": ("UInt64", "0")}
KEYWORDS = {"as", "break", "case", "catch", "class", "continue", "default", "defer", "do", "else",
            "enum", "extension", "fallthrough", "false", "for", "func", "guard", "if", "import", "in",
            "init", "internal", "is", "let", "nil", "operator", "private", "protocol", "public",
            "repeat", "return", "self", "static", "struct", "subscript", "super", "switch", "throw",
            "throws", "true", "try", "var", "where", "while"}
KINDS = {(False, False): "Unary", (False, True): "ServerStreaming", (True, False): "ClientStreaming",
         (True, True): "BidirectionalStreaming"}


class Node:
    def __init__(self, kind, name, doc, parent=None):
        self.kind, self.name, self.doc, self.parent = kind, name, doc, parent
        self.children = []  # messages and enums, in order
        self.fields = []    # (name, type, repeated, doc)
        self.values = []    # (name, number, doc)
        self.rpcs = []      # (name, request, client streams, response, server streams, doc)


def snake(name):
    """UpperCamel to UPPER_SNAKE's word breaks: "IndexStats" -> "Index_Stats"."""
    return re.sub(r"(?<!^)(?=[A-Z])", "_", name)


def camel(snake, upper=False):
    parts = snake.lower().split("_")
    out = parts[0] + "".join(p.capitalize() for p in parts[1:])
    return out[:1].upper() + out[1:] if upper else out


def ident(name):
    return f"`{name}`" if name in KEYWORDS else name


def parse(text):
    """The file's header comment and a tree of its declarations, each with its comment."""
    lines = text.split("\n")
    header, i = [], 0
    while i < len(lines) and lines[i].startswith("//"):
        header.append(lines[i][2:].strip())
        i += 1
    root = Node("file", "", header)
    stack, pending = [root], []
    trailing_column, last = None, None
    for line in lines[i:]:
        code, _, comment = line.partition("//")
        code, comment = code.strip(), comment.strip()
        if not code:
            if comment and trailing_column is not None and line.index("//") == trailing_column and last is not None:
                last.append(comment)  # a trailing comment going on under itself
            elif comment:
                pending.append(comment)
                trailing_column = None
            else:
                pending, trailing_column = [], None
            continue
        doc = pending + ([comment] if comment else [])
        pending, trailing_column, last = [], (line.index("//") if comment else None), None
        top = stack[-1]
        if m := re.match(r"(message|enum|service)\s+(\w+)\s*\{\s*(\})?$", code):
            node = Node(m.group(1), m.group(2), doc, top)
            if m.group(1) == "service":
                root.service = node
            else:
                top.children.append(node)
            if not m.group(3):
                stack.append(node)
            last = node.doc
        elif code == "}":
            stack.pop()
        elif m := re.match(r"rpc\s+(\w+)\s*\(\s*(stream\s+)?([\w.]+)\s*\)\s*returns\s*\(\s*(stream\s+)?([\w.]+)\s*\)\s*;$", code):
            top.rpcs.append((m.group(1), m.group(3), bool(m.group(2)), m.group(5), bool(m.group(4)), doc))
            last = doc
        elif m := re.match(r"(repeated\s+)?([\w.]+)\s+(\w+)\s*=\s*(\d+)\s*;$", code):
            top.fields.append((m.group(3), m.group(2), bool(m.group(1)), doc))
            last = doc
        elif m := re.match(r"(\w+)\s*=\s*(-?\d+)\s*;$", code):
            top.values.append((m.group(1), int(m.group(2)), doc))
            last = doc
        elif not re.match(r"(syntax|package|option)\b", code):
            sys.exit(f"gen_swift_api: cannot read `{code}`")
    return root


def doc_lines(doc, indent):
    return [f"{indent}/// {d}".rstrip() for d in doc]


def enum_value_name(enum, value):
    prefix = snake(enum).upper() + "_"
    return camel(value[len(prefix):] if value.startswith(prefix) else value)


def find_enum(root, type_name):
    """The enum of this file that `type_name` (as a field writes it) names, if any."""
    def walk(node, path):
        for c in node.children:
            yield path + [c.name], c
            yield from walk(c, path + [c.name])
    return next((n for p, n in walk(root, []) if n.kind == "enum" and ("." + ".".join(p)).endswith("." + type_name)), None)


def wrapped(head, items, tail, indent, width=120):
    """`head` + items joined by ", " + `tail`, broken before an item that would pass `width`."""
    lines, line = [], indent + head
    for k, item in enumerate(items):
        piece = item + (", " if k < len(items) - 1 else tail)
        if len(line) + len(piece.rstrip()) > width and line.strip() != head.strip():
            lines.append(line.rstrip())
            line = indent + " " * len(head) + piece
        else:
            line += piece
    return lines + [line]


def emit_enum(node, indent, out):
    name = node.name
    out += doc_lines(node.doc, indent)
    out.append(f"{indent}public struct {name}: RawRepresentable, Codable, Hashable, Sendable, CustomStringConvertible {{")
    inner = indent + "    "
    out.append(f"{inner}public let rawValue: Int32")
    out.append(f"{inner}public init(rawValue: Int32) {{ self.rawValue = rawValue }}")
    for value, number, doc in node.values:
        out += doc_lines(doc, inner)
        out.append(f"{inner}public static let {ident(enum_value_name(name, value))} = {name}(rawValue: {number})")
    out += wrapped("private static let names: [Int32: String] = [", [f'{n}: "{v}"' for v, n, _ in node.values], "]", inner)
    out.append(f"{inner}/// The value's name in Protos/, or its number when it has none.")
    out.append(f"{inner}public var description: String {{ Self.names[rawValue] ?? \"\\(rawValue)\" }}")
    out.append(f"{indent}}}")


def emit_message(node, root, package, indent, out):
    out += doc_lines(node.doc, indent)
    out.append(f"{indent}public struct {node.name}: WireMessage, Equatable {{")
    inner = indent + "    "
    out.append(f'{inner}public static let protoName = "{package}.{node.name}"')
    for child in node.children:
        emit(child, root, package, inner, out)
        out.append("")
    params = []
    for fname, ftype, repeated, doc in node.fields:
        if ftype in SCALARS:
            swift, default = SCALARS[ftype]
        elif enum := find_enum(root, ftype):
            zero = next((v for v, n, _ in enum.values if n == 0), None)
            swift, default = ftype, f".{ident(enum_value_name(enum.name, zero))}" if zero else f"{ftype}(rawValue: 0)"
        else:
            swift, default = ftype + ("" if repeated else "?"), "nil"
        if repeated:
            swift, default = f"[{swift}]", "[]"
        prop = ident(camel(fname))
        out += doc_lines(doc, inner)
        out.append(f"{inner}public var {prop}: {swift}")
        params.append((prop, swift, default))
    out.append("")
    if params:
        out += wrapped("public init(", [f"{p}: {t} = {d}" for p, t, d in params], ") {", inner)
        out += [f"{inner}    self.{p} = {p}" for p, _, _ in params]
        out.append(f"{inner}}}")
    else:
        out.append(f"{inner}public init() {{}}")
    out.append(f"{indent}}}")


def emit(node, root, package, indent, out):
    """A message or enum of the file, nested types and all."""
    if node.kind == "enum":
        emit_enum(node, indent, out)
    else:
        emit_message(node, root, package, indent, out)


def generate(proto_path, relative):
    """The Swift of a proto that declares a service, and the service's name; None otherwise."""
    text = proto_path.read_text()
    if not re.search(r"^service\s", text, re.M):
        return None
    package = re.search(r"^package\s+([\w.]+);", text, re.M).group(1)
    root = parse(text)
    service = root.service
    out = [f"// Generated by Scripts/gen-protos from Protos/{relative}. Do not edit.", "import LodeRPC", "import LodeWire", ""]
    out += doc_lines(root.doc, "")
    out.append(f"public enum {service.name} {{")
    out.append(f'    public static let service = "{package}.{service.name}"')
    for name, request, client_streams, response, server_streams, doc in service.rpcs:
        out.append("")
        out += doc_lines(doc, "    ")
        out.append(f"    public static let {camel(snake(name))} = "
                   f"RPCMethod<{request}, {response}, {KINDS[(client_streams, server_streams)]}>(service: service, name: \"{name}\")")
    out.append("")
    out.append("    /// Every method of the service, in Protos/ order.")
    out += wrapped("public static let methods: [MethodDescriptor] = [",
                   [f"{camel(snake(r[0]))}.descriptor" for r in service.rpcs], "]", "    ")
    for child in root.children:
        out.append("")
        emit(child, root, package, "    ", out)
    out.append("}")
    return service.name, "\n".join(out) + "\n"


def main():
    protos, target = Path(sys.argv[1]), Path(sys.argv[2])
    for relative in sys.argv[3:]:
        if generated := generate(protos / relative, relative):
            name, swift = generated
            (target / f"{name}.swift").write_text(swift)


if __name__ == "__main__":
    main()
