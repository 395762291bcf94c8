import LodeAPI
import LodeRPC
import LodeWire

extension Command {
    static let health = Command(
        name: "health", usage: "health [SERVICE]", arguments: 0...1,
        summary: "Serving status of the server, or of one service; exits 3 unless SERVING."
    ) { session, args in
        let service = args.first ?? ""
        let status = try await session.connection().checkHealth(service, options: session.callOptions)
        session.print(CommandOutput(columns: ["service", "status"], rows: [[service.isEmpty ? "(server)" : service, "\(status)"]],
                                    json: Health.HealthCheckResponse(status: status).json))
        guard status == .serving else { throw RPCError(.unavailable, "\(service.isEmpty ? "the server" : service) is \(status)") }
    }

    static let services = Command(
        name: "services", usage: "services", arguments: 0...0,
        summary: "Every service and method the server offers, with streaming kinds."
    ) { session, args in
        let list = try await session.connection().listServices(options: session.callOptions)
        session.knownMethods.withLock { $0 = list.flatMap { $0.methods.map(\.path) } }
        let rows = list.flatMap { s in
            s.methods.map { m in
                [m.path, kind(client: m.clientStreaming, server: m.serverStreaming), m.inputType, m.outputType]
            }
        }
        session.print(CommandOutput(columns: ["method", "kind", "request", "response"], rows: rows,
                                    json: Reflection.ListServicesResponse(services: list).json))
    }

    static let describe = Command(
        name: "describe", usage: "describe MESSAGE-TYPE", arguments: 1...1,
        summary: "Fields of a message type, e.g. describe lode.health.v1.HealthCheckRequest."
    ) { session, args in
        let message = try await session.connection().describeMessage(args[0], options: session.callOptions)
        let rows = message.fields.map { f in
            ["\(f.number)", f.name, f.jsonName,
             f.map ? "map" : f.label == .repeated ? "repeated" : f.label == .optional ? "optional" : "",
             f.typeName.isEmpty ? f.type : f.typeName]
        }
        session.print(CommandOutput(columns: ["number", "name", "json", "label", "type"], rows: rows, json: message.json))
    }

    static let serverStats = Command(
        name: "server-stats", usage: "server-stats", arguments: 0...0,
        summary: "The server's connection and call counters."
    ) { session, args in
        let stats = try await session.connection().serverStats(options: session.callOptions)
        let json = stats.json
        guard case .object(let members) = MessageJSONDefaults.withDefaults(stats) else { return }
        session.print(CommandOutput(columns: ["counter", "value"],
                                    rows: members.map { [$0.0, $0.1.text().replacingOccurrences(of: "\"", with: "")] }, json: json))
    }

    static let help = Command(
        name: "help", usage: "help [COMMAND]", arguments: 0...1,
        summary: "This list, or one command's usage."
    ) { session, args in
        let shown = try args.first.map { name in
            guard let c = Command.named(name) else { throw UsageError("unknown command \(name); `help` lists them") }
            return [c]
        } ?? Command.all
        session.print(CommandOutput(columns: ["usage", "summary"], rows: shown.map { [$0.usage, $0.summary] },
                                    json: .array(shown.map { .object([("name", .string($0.name)), ("usage", .string($0.usage)),
                                                                      ("summary", .string($0.summary))]) }),
                                    text: shown.map { "  \($0.usage)\n      \($0.summary)\n" }.joined()))
    }

    static func kind(client: Bool, server: Bool) -> String {
        switch (client, server) {
        case (false, false): "unary"
        case (false, true): "server-streaming"
        case (true, false): "client-streaming"
        case (true, true): "bidirectional"
        }
    }
}

/// Every field of a message in JSON, defaults included, for tables that show all of them.
enum MessageJSONDefaults {
    static func withDefaults<M: WireMessage>(_ m: M) -> JSONValue {
        (try? MessageJSON.json(fromWire: m.wireBytes(), as: M.schema, includeDefaults: true)) ?? .null
    }
}
