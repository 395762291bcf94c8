import LodeAPI
import LodeRPC
import LodeWire

/// Describes the running server's services, methods and message types
/// (`lode.reflection.v1.Reflection`), from its router and the generated descriptors.
public enum ReflectionService {
    public static func register(into router: inout RPCRouter) {
        router.unary(Reflection.listServices) { (_: Reflection.ListServicesRequest, context) in
            let byService = Dictionary(grouping: context.offeredMethods, by: \.service)
            return Reflection.ListServicesResponse(services: byService.keys.sorted().map { name in
                Reflection.ServiceDescription(name: name, methods: byService[name]!.map {
                    Reflection.MethodDescription(name: $0.name, path: $0.path, inputType: $0.inputType, outputType: $0.outputType,
                                                 clientStreaming: $0.kind.clientStreams, serverStreaming: $0.kind.serverStreams)
                })
            })
        }
        router.unary(Reflection.describeMessage) { (request: Reflection.DescribeMessageRequest, _) in
            guard let schema = SchemaCatalog.generated.message(named: request.name) else {
                let near = SchemaCatalog.generated.messageNames.filter {
                    $0.lowercased().hasSuffix(request.name.lowercased().split(separator: ".").last.map(String.init) ?? "")
                }
                throw RPCError(.notFound, "no message type is called \(request.name)"
                               + (near.isEmpty ? "" : "; did you mean \(near.joined(separator: ", "))?"))
            }
            return describe(schema)
        }
    }

    static func describe(_ schema: MessageSchema) -> Reflection.MessageDescription {
        Reflection.MessageDescription(name: schema.name, fields: schema.fields.map { f in
            Reflection.FieldDescription(
                name: f.name, jsonName: f.jsonName, number: f.number, type: f.kind.protoName,
                label: f.isRepeated ? .repeated : f.isOneofMember ? .optional : .singular,
                typeName: f.typeName ?? "",
                enumValues: f.enumValues.map { Reflection.EnumValueDescription(name: $0.name, number: $0.number) },
                map: f.isMap)
        })
    }
}
