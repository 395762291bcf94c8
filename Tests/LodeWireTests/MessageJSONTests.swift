import LodeAPI
import LodeRPC
import LodeWire
import Testing

@Suite struct MessageJSONTests {
    private func json<M: WireMessage>(_ m: M, defaults: Bool = false) throws -> String {
        try MessageJSON.json(fromWire: m.wireBytes(), as: M.schema, includeDefaults: defaults).text()
    }

    @Test func followsProto3CanonicalMapping() throws {
        let frame = ServerFrame(callId: 9_007_199_254_740_993, message: Array("hello".utf8),
                                status: Status(code: .notFound, message: "no", details: ["k": "v"]))
        let text = try MessageJSON.json(fromWire: frame.wireBytes(), as: ServerFrame.schema).text()
        #expect(text == #"{"callId":"9007199254740993","message":"aGVsbG8=","status":{"code":"NOT_FOUND","message":"no","details":{"k":"v"}}}"#)
    }

    @Test func leavesDefaultsOutUnlessAsked() throws {
        let response = Health.HealthCheckResponse(status: .unknown)
        #expect(try json(response) == "{}")
        #expect(try json(response, defaults: true) == #"{"status":"UNKNOWN"}"#)
    }

    @Test func parsesJSONIntoTheSameBytes() throws {
        let text = #"{"callId":"12","start":{"method":"/a.B/C","metadata":{"x":"1"},"timeoutMicros":500},"message":"AAE=","halfClose":true}"#
        let bytes = try MessageJSON.wire(fromJSON: JSONValue(parsing: text), as: ClientFrame.schema)
        let frame = try ClientFrame(wire: bytes)
        #expect(frame == ClientFrame(callId: 12, start: CallStart(method: "/a.B/C", metadata: ["x": "1"], timeoutMicros: 500),
                                     message: [0, 1], halfClose: true))
    }

    @Test func acceptsProtoFieldNamesAndEnumNumbers() throws {
        let text = #"{"call_id":3,"status":{"code":5}}"#
        let frame = try ServerFrame(wire: MessageJSON.wire(fromJSON: JSONValue(parsing: text), as: ServerFrame.schema))
        #expect(frame.callId == 3 && frame.status?.code == .notFound)
    }

    @Test func unknownKeyIsAnError() {
        #expect(throws: WireError.unknownField(type: "lode.health.v1.HealthCheckRequest", field: "servce")) {
            try MessageJSON.wire(fromJSON: JSONValue(parsing: #"{"servce":"x"}"#), as: Health.HealthCheckRequest.schema)
        }
    }

    @Test func wrongValueTypeSaysWhere() {
        let error = #expect(throws: WireError.self) {
            try MessageJSON.wire(fromJSON: JSONValue(parsing: #"{"start":{"timeoutMicros":"soon"}}"#), as: ClientFrame.schema)
        }
        #expect(error?.description.contains("lode.rpc.v1.ClientFrame.start.timeoutMicros") == true)
    }

    @Test func unknownEnumNameListsTheValues() {
        let error = #expect(throws: WireError.self) {
            try MessageJSON.wire(fromJSON: JSONValue(parsing: #"{"status":"GREEN"}"#), as: Health.HealthCheckResponse.schema)
        }
        #expect(error?.description.contains("SERVING") == true)
    }

    @Test func malformedJSONGivesTheOffset() {
        #expect(throws: WireError.invalidJSON("expected ',' or '}'", offset: 8)) { try JSONValue(parsing: #"{"a": 1 "b": 2}"#) }
        #expect(throws: WireError.self) { try JSONValue(parsing: #"{"a": "#) }
        #expect(throws: WireError.self) { try JSONValue(parsing: "[1,]") }
    }

    @Test func jsonTextRoundTripsEscapesAndUnicode() throws {
        let text = #"{"s":"tab\t quote\" \u00e9 \ud83d\ude00","n":-1.5e3,"a":[true,false,null]}"#
        let value = try JSONValue(parsing: text)
        #expect(try JSONValue(parsing: value.text()) == value)
        #expect(value["s"] == .string("tab\t quote\" é 😀"))
    }
}
