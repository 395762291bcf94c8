import LodeRPC

/// Typed calls on the built-in services.
extension RPCClient {
    /// The serving status of `service` ("" for the whole server).
    public func checkHealth(_ service: String = "", options: CallOptions = CallOptions()) async throws -> Health.HealthCheckResponse.ServingStatus {
        try await unary(Health.check, Health.HealthCheckRequest(service: service), options: options).status
    }

    /// The current status of `service`, then every change.
    public func watchHealth(_ service: String = "", options: CallOptions = CallOptions()) throws -> ResponseStream<Health.HealthCheckResponse> {
        try serverStreaming(Health.watch, Health.HealthCheckRequest(service: service), options: options)
    }

    /// Every service the server offers, with its methods.
    public func listServices(options: CallOptions = CallOptions()) async throws -> [Reflection.ServiceDescription] {
        try await unary(Reflection.listServices, Reflection.ListServicesRequest(),
                        options: options).services
    }

    /// The fields of the message type called `name`.
    public func describeMessage(_ name: String, options: CallOptions = CallOptions()) async throws -> Reflection.MessageDescription {
        try await unary(Reflection.describeMessage, Reflection.DescribeMessageRequest(name: name), options: options)
    }

    /// The server's connection and call counters.
    public func serverStats(options: CallOptions = CallOptions()) async throws -> Diagnostics.ServerStatsResponse {
        try await unary(Diagnostics.serverStats, Diagnostics.ServerStatsRequest(), options: options)
    }
}
