import LodeAPI
import LodeRPC
import LodeWire
import Testing

/// `lode.rpc.v1.CallStart` through the Codable bridge, to check it agrees with the field-coded frames.
private struct CodableCallStart: WireMessage, Equatable {
    static let protoName = "lode.rpc.v1.CallStart"
    var method: String
    var metadata: [String: String]
    var timeoutMicros: UInt64?
}

@Suite struct WireMessageTests {
    @Test func codableAndFieldCodedPathsAgree() throws {
        let coded = CallStart(method: "/a.B/C", metadata: ["k": "v", "x": "y"], timeoutMicros: 0)
        let codable = CodableCallStart(method: "/a.B/C", metadata: ["k": "v", "x": "y"], timeoutMicros: 0)
        #expect(try CodableCallStart(wire: coded.wireBytes()) == codable)
        #expect(try CallStart(wire: codable.wireBytes()) == coded)
        let bare = CodableCallStart(method: "m", metadata: [:], timeoutMicros: nil)
        #expect(try CallStart(wire: bare.wireBytes()).timeoutMicros == nil)
        #expect(try CodableCallStart(wire: CallStart(method: "m").wireBytes()) == bare)
    }

    @Test func frameSurvivesARoundTripThroughProtobufC() throws {
        let frame = ClientFrame(
            callId: 1 << 40,
            start: CallStart(method: "/lode.health.v1.Health/Check", metadata: ["trace": "abc", "user": "ana"], timeoutMicros: 0),
            message: [], halfClose: true)
        let decoded = try ClientFrame(wire: frame.wireBytes())
        #expect(decoded == frame)
        #expect(decoded.start?.timeoutMicros == 0, "a zero timeout stays present: it means already expired")
        #expect(decoded.message == [], "an empty message stays present: it is a message with default fields")
        #expect(decoded.hello == nil)
    }

    @Test func absentOptionalFieldsStayAbsent() throws {
        let frame = ClientFrame(callId: 7, cancel: true)
        let decoded = try ClientFrame(wire: frame.wireBytes())
        #expect(decoded.message == nil)
        #expect(decoded.start == nil)
        #expect(decoded.cancel)
    }

    @Test func encodingMatchesTheProtobufWireFormat() throws {
        // field 1 varint 150 (08 96 01), field 2 string "py" (12 02 70 79)
        let hello = Hello(protocolVersion: 150, agent: "py", maxFrameBytes: 0)
        #expect(try hello.wireBytes() == [0x08, 0x96, 0x01, 0x12, 0x02, 0x70, 0x79])
        #expect(try Hello(wire: [0x08, 0x96, 0x01, 0x12, 0x02, 0x70, 0x79]) == hello)
    }

    @Test func repeatedMessagesAndEnumsRoundTrip() throws {
        let description = Reflection.MessageDescription(name: "x.Y", fields: (0..<20).map {
            Reflection.FieldDescription(name: "f\($0)", jsonName: "f\($0)", number: UInt32($0), type: "enum",
                                        label: .repeated, typeName: "x.E",
                                        enumValues: [.init(name: "A", number: 0), .init(name: "B", number: -3)], map: $0 % 2 == 0)
        })
        #expect(try Reflection.MessageDescription(wire: description.wireBytes()) == description)
    }

    @Test func invalidBytesAreRejectedWithTheTypeName() {
        #expect(throws: WireError.invalidEncoding(type: "lode.rpc.v1.ClientFrame", byteCount: 3)) {
            try ClientFrame(wire: [0x0A, 0xFF, 0xFF])
        }
    }

    @Test func wireTypeMismatchIsRejected() {
        // field 1 of HealthCheckRequest is a string; send it as a varint.
        #expect(throws: WireError.self) { try Health.HealthCheckRequest(wire: [0x08, 0x01]) }
    }

    @Test func unknownFieldsAreSkippedForForwardCompatibility() throws {
        // field 1 = "x", then an unknown field 9 varint 5.
        let request = try Health.HealthCheckRequest(wire: [0x0A, 0x01, 0x78, 0x48, 0x05])
        #expect(request.service == "x")
    }
}
