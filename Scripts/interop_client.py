"""A Lode client written with nothing but Google's protobuf package and the files in
Protos/: proof that other local programs can integrate with loded.

Usage: interop_client.py SOCKET GENERATED_DIR
GENERATED_DIR holds the modules `protoc --python_out` made from Protos/.
"""
import socket
import struct
import sys

sys.path.insert(0, sys.argv[2])
from lode.rpc.v1 import rpc_pb2  # noqa: E402
from lode.health.v1 import health_pb2  # noqa: E402
from lode.reflection.v1 import reflection_pb2  # noqa: E402
from lode.diagnostics.v1 import diagnostics_pb2  # noqa: E402
from lode.corpus.v1 import corpus_pb2  # noqa: E402
from lode.search.v1 import search_pb2  # noqa: E402
from lode.entity.v1 import entity_pb2  # noqa: E402


class Connection:
    """One connection to loded: length-prefixed ClientFrame out, ServerFrame in."""

    def __init__(self, path, max_frame_bytes=4 << 20, hello=True):
        self.sock = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
        self.sock.settimeout(10)
        self.sock.connect(path)
        self.next_id = 0
        if not hello:
            return
        frame = rpc_pb2.ClientFrame(call_id=0)
        frame.hello.protocol_version = 1
        frame.hello.agent = "interop_client.py"
        frame.hello.max_frame_bytes = max_frame_bytes
        self.send(frame)
        self.server_hello = self.read().hello

    def send(self, frame):
        body = frame.SerializeToString()
        self.sock.sendall(struct.pack(">I", len(body)) + body)

    def read(self):
        (length,) = struct.unpack(">I", self._exactly(4))
        frame = rpc_pb2.ServerFrame()
        frame.ParseFromString(self._exactly(length))
        return frame

    def _exactly(self, n):
        data = b""
        while len(data) < n:
            chunk = self.sock.recv(n - len(data))
            if not chunk:
                raise EOFError("loded closed the connection")
            data += chunk
        return data

    def start(self, method, request, half_close=True):
        self.next_id += 1
        frame = rpc_pb2.ClientFrame(call_id=self.next_id, half_close=half_close)
        frame.start.method = method
        frame.message = request.SerializeToString()
        self.send(frame)
        return self.next_id

    def unary(self, method, request, response_type):
        call_id = self.start(method, request)
        frame = self.read()
        assert frame.call_id == call_id, frame
        if frame.status.code != rpc_pb2.OK:
            return None, frame.status
        response = response_type()
        response.ParseFromString(frame.message)
        return response, frame.status


def main():
    path = sys.argv[1]
    conn = Connection(path)
    checks = []

    def check(name, condition, detail=""):
        checks.append(condition)
        print(("ok    " if condition else "FAIL  ") + name + ("" if condition else f": {detail}"))

    check("server hello speaks protocol 1", conn.server_hello.protocol_version == 1, conn.server_hello)

    health, status = conn.unary("/lode.health.v1.Health/Check", health_pb2.HealthCheckRequest(),
                                health_pb2.HealthCheckResponse)
    check("Health/Check says SERVING", health is not None and health.status == health_pb2.HealthCheckResponse.SERVING, status)

    services, status = conn.unary("/lode.reflection.v1.Reflection/ListServices", reflection_pb2.ListServicesRequest(),
                                  reflection_pb2.ListServicesResponse)
    methods = {m.path: m for s in services.services for m in s.methods} if services else {}
    watch = methods.get("/lode.health.v1.Health/Watch")
    check("Reflection lists Health/Watch as server-streaming",
          watch is not None and watch.server_streaming and not watch.client_streaming, methods.keys())

    described, status = conn.unary("/lode.reflection.v1.Reflection/DescribeMessage",
                                   reflection_pb2.DescribeMessageRequest(name="lode.rpc.v1.ClientFrame"),
                                   reflection_pb2.MessageDescription)
    names = [f.name for f in described.fields] if described else []
    check("Reflection describes ClientFrame as Protos/ declares it",
          names == [f.name for f in rpc_pb2.ClientFrame.DESCRIPTOR.fields], names)

    watch_id = conn.start("/lode.health.v1.Health/Watch", health_pb2.HealthCheckRequest())
    first = conn.read()
    update = health_pb2.HealthCheckResponse()
    update.ParseFromString(first.message)
    check("Health/Watch streams the current status", first.call_id == watch_id and update.status == 1, first)
    conn.send(rpc_pb2.ClientFrame(call_id=watch_id, cancel=True))
    ended = conn.read()
    check("cancelling the watch ends it with CANCELLED",
          ended.call_id == watch_id and ended.HasField("status") and ended.status.code == rpc_pb2.CANCELLED, ended)

    _, status = conn.unary("/lode.nothing.v1.Nope/Call", health_pb2.HealthCheckRequest(), health_pb2.HealthCheckResponse)
    check("an unknown method is UNIMPLEMENTED", status.code == rpc_pb2.UNIMPLEMENTED, status)

    ids = [conn.start("/lode.diagnostics.v1.Diagnostics/Echo",
                      diagnostics_pb2.EchoRequest(payload=str(i).encode(), delay_millis=(50 - i) % 7)) for i in range(50)]
    answers = {}
    for _ in ids:
        frame = conn.read()
        echo = diagnostics_pb2.EchoResponse()
        echo.ParseFromString(frame.message)
        answers[frame.call_id] = echo.payload
    check("50 pipelined calls all come back, each to its own id",
          all(answers.get(call_id) == str(i).encode() for i, call_id in enumerate(ids)), answers)

    page = ("Gallium exporters wait for licences\n"
            "SHENZHEN, June 3 (Xinhua) -- Gallium exporters in south China said on Monday they were still "
            "waiting for export licences, as buyers in Japan and Europe looked for other suppliers.")
    ingest_id = conn.start("/lode.corpus.v1.Corpus/Ingest", corpus_pb2.RawDocument(name="gallium.txt", content=page.encode()))
    results = []
    while True:
        frame = conn.read()
        if frame.HasField("message"):
            result = corpus_pb2.IngestResult()
            result.ParseFromString(frame.message)
            results.append(result)
        if frame.HasField("status"):
            break
    check("Corpus/Ingest adds a page", frame.call_id == ingest_id and [r.outcome for r in results] == [corpus_pb2.IngestResult.ADDED],
          results)

    found, status = conn.unary("/lode.search.v1.Search/Search", search_pb2.SearchRequest(query='"export licences" gallium'),
                               search_pb2.SearchResponse)
    hit = found.hits[0] if found is not None and found.hits else None
    marked = [hit.snippet.text.encode()[r.start:r.end].decode() for r in hit.snippet.highlights] if hit else []
    check("Search finds the page just ingested, with byte ranges marking the matched words",
          hit is not None and hit.id == results[0].document_id and found.total == 1
          and [m.lower() for m in marked] == ["gallium", "exporters", "export", "licences"], found or status)

    _, status = conn.unary("/lode.search.v1.Search/Search", search_pb2.SearchRequest(query="gallium (export"),
                           search_pb2.SearchResponse)
    check("a malformed query is INVALID_ARGUMENT saying where, in the message and in details",
          status.code == rpc_pb2.INVALID_ARGUMENT and "at character 9" in status.message
          and status.details.get("position_characters") == "8" and status.details.get("position_bytes") == "8", status)

    japan, status = conn.unary("/lode.entity.v1.Entity/Get", entity_pb2.GetEntityRequest(name="japan"), entity_pb2.EntityDetail)
    check("Entity/Get finds a place of the page in the catalogue",
          japan is not None and japan.entity.type == "LOC" and japan.entity.name == "Japan"
          and [d.id for d in japan.documents] == [results[0].document_id], japan or status)

    _, status = conn.unary("/lode.entity.v1.Entity/Get", entity_pb2.GetEntityRequest(name="Japn"), entity_pb2.EntityDetail)
    check("an unknown entity is NOT_FOUND with a close name",
          status.code == rpc_pb2.NOT_FOUND and "did you mean: Japan" in status.message, status)

    small = Connection(path, max_frame_bytes=1024)
    _, status = small.unary("/lode.diagnostics.v1.Diagnostics/Echo", diagnostics_pb2.EchoRequest(payload=b"x" * 4000),
                            diagnostics_pb2.EchoResponse)
    check("a response above the client's announced max_frame_bytes is RESOURCE_EXHAUSTED, not sent",
          status.code == rpc_pb2.RESOURCE_EXHAUSTED and status.details.get("max_frame_bytes") == "1024", status)

    bare = Connection(path, hello=False)
    bare.start("/lode.health.v1.Health/Check", health_pb2.HealthCheckRequest())
    frame = bare.read()
    check("a first frame without a hello gets a GoAway listing supported_versions",
          frame.HasField("go_away") and frame.go_away.reason.details.get("supported_versions") == "1", frame)

    unlimited = Connection(path, max_frame_bytes=0)
    echo, status = unlimited.unary("/lode.diagnostics.v1.Diagnostics/Echo", diagnostics_pb2.EchoRequest(payload=b"x" * 4000),
                                   diagnostics_pb2.EchoResponse)
    check("max_frame_bytes 0 announces no limit of the client's own", echo is not None and len(echo.payload) == 4000, status)

    def refused_then_closed(conn):
        """The GoAway a misuse gets, then whether the connection ended after the calls in flight."""
        frame = conn.read()
        rest = []
        try:
            while True:
                rest.append(conn.read())
        except EOFError:
            return frame, rest

    zero = Connection(path)
    frame = rpc_pb2.ClientFrame(call_id=0, half_close=True)
    frame.start.method = "/lode.health.v1.Health/Check"
    zero.send(frame)
    go_away, rest = refused_then_closed(zero)
    check("call id 0 for a call gets a connection-level GoAway INVALID_ARGUMENT naming it, then the connection closes",
          go_away.call_id == 0 and go_away.go_away.reason.code == rpc_pb2.INVALID_ARGUMENT
          and go_away.go_away.reason.details.get("call_id") == "0" and rest == [], (go_away, rest))

    reuse = Connection(path)
    first = reuse.start("/lode.diagnostics.v1.Diagnostics/Echo", diagnostics_pb2.EchoRequest(payload=b"first", delay_millis=200))
    again = rpc_pb2.ClientFrame(call_id=first, half_close=True)
    again.start.method = "/lode.diagnostics.v1.Diagnostics/Echo"
    again.message = diagnostics_pb2.EchoRequest(payload=b"second").SerializeToString()
    reuse.send(again)
    go_away, rest = refused_then_closed(reuse)
    answer = diagnostics_pb2.EchoResponse()
    if rest:
        answer.ParseFromString(rest[0].message)
    check("a reused call id in flight gets a GoAway ALREADY_EXISTS naming it; the first call still answers, then the connection closes",
          go_away.call_id == 0 and go_away.go_away.reason.code == rpc_pb2.ALREADY_EXISTS
          and go_away.go_away.reason.details.get("call_id") == str(first) and len(rest) == 1
          and rest[0].call_id == first and rest[0].status.code == rpc_pb2.OK and answer.payload == b"first", (go_away, rest))

    twice = Connection(path)
    hello = rpc_pb2.ClientFrame(call_id=0)
    hello.hello.protocol_version = 1
    hello.hello.agent = "interop_client.py"
    twice.send(hello)
    go_away, rest = refused_then_closed(twice)
    check("a second hello gets a GoAway FAILED_PRECONDITION, then the connection closes",
          go_away.go_away.reason.code == rpc_pb2.FAILED_PRECONDITION and rest == [], (go_away, rest))

    failed = checks.count(False)
    print(f"interop: {len(checks) - failed} passed, {failed} failed")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
