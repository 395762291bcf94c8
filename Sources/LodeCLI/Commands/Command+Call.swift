import Foundation
import LodeAPI
import LodeRPC
import LodeWire

extension Command {
    static let call = Command(
        name: "call", usage: "call METHOD [JSON]", arguments: 1...2,
        summary: "Call any method with a JSON request (stdin when omitted in a pipe); prints each JSON response."
    ) { session, args in
        let client = try await session.connection()
        let method = try await resolve(args[0], session: session)
        guard let input = SchemaCatalog.generated.message(named: method.inputType),
              let output = SchemaCatalog.generated.message(named: method.outputType) else {
            throw UsageError("this lode does not know the types of \(method.path); use a lode built with the server's Protos/")
        }
        let text = try args.count > 1 ? args[1] : requestText(session)
        let requests = try parseRequests(text, streaming: method.clientStreaming).map {
            try MessageJSON.wire(fromJSON: $0, as: input)
        }
        let call: ClientCall
        if method.clientStreaming {
            call = try client.start(method.path, options: session.callOptions)
            for r in requests { try await call.send(r) }
            try await call.halfClose()
        } else {
            guard requests.count == 1 else { throw UsageError("\(method.path) takes exactly one request") }
            call = try client.start(method.path, first: requests[0], end: true, options: session.callOptions)
        }
        while let bytes = try await call.next() {
            let json = try MessageJSON.json(fromWire: bytes, as: output)
            session.write(json.text(pretty: session.format == .table && session.outputIsTerminal) + "\n")
        }
    }

    /// The method a user named, as `/pkg.Service/Method`, `pkg.Service/Method` or `pkg.Service.Method`.
    private static func resolve(_ name: String, session: Session) async throws -> Reflection.MethodDescription {
        var path = name.hasPrefix("/") ? name : "/" + name
        if !path.dropFirst().contains("/"), let dot = path.lastIndex(of: ".") {
            path.replaceSubrange(dot...dot, with: "/")
        }
        let services = try await session.connection().listServices(options: session.callOptions)
        session.knownMethods.withLock { $0 = services.flatMap { $0.methods.map(\.path) } }
        guard let method = services.flatMap(\.methods).first(where: { $0.path == path }) else {
            throw RPCError(.unimplemented, "the server has no method \(path); `lode services` lists what it offers")
        }
        return method
    }

    private static func requestText(_ session: Session) throws -> String {
        guard session.requestsFromStandardInput else { return "{}" }
        let data = FileHandle.standardInput.readDataToEndOfFile()
        let text = String(decoding: data, as: UTF8.self)
        return text.allSatisfy(\.isWhitespace) ? "{}" : text
    }

    /// One JSON object, or for a client-streaming method a JSON array or several objects
    /// one per line (JSON Lines).
    private static func parseRequests(_ text: String, streaming: Bool) throws -> [JSONValue] {
        if streaming {
            if case .array(let items) = try? JSONValue(parsing: text) { return items }
            return try text.split(separator: "\n").filter { !$0.allSatisfy(\.isWhitespace) }.map { try JSONValue(parsing: String($0)) }
        }
        return [try JSONValue(parsing: text)]
    }

    static let ping = Command(
        name: "ping", usage: "ping [COUNT]", arguments: 0...1,
        summary: "Round trips to the server (Health/Check), with their times."
    ) { session, args in
        guard let count = Int(args.first ?? "3"), count > 0 else { throw UsageError("usage: ping [COUNT]") }
        let client = try await session.connection()
        var rows: [[String]] = []
        var times: [Double] = []
        for i in 1...count {
            let start = ContinuousClock.now
            _ = try await client.checkHealth(options: session.callOptions)
            let micros = Double((ContinuousClock.now - start).microseconds)
            times.append(micros)
            rows.append(["\(i)", String(format: "%.0f", micros)])
        }
        let json = JSONValue.object([("socket", .string(session.socketPath)),
                                     ("microseconds", .array(times.map { .number(String(format: "%.0f", $0)) }))])
        session.print(CommandOutput(columns: ["ping", "microseconds"], rows: rows, json: json))
    }
}
