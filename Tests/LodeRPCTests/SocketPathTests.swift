import LodeRPC
import Testing

@Suite struct SocketPathTests {
    @Test func defaultSocketPathFollowsTheEnvironment() {
        #expect(SocketPath.defaultPath(environment: ["LODE_SOCKET": "/x/s.sock"]) == "/x/s.sock")
        #expect(SocketPath.defaultPath(environment: ["XDG_RUNTIME_DIR": "/run/user/7"]) == "/run/user/7/lode/lode.sock")
        #expect(SocketPath.defaultPath(environment: ["TMPDIR": "/t"]).hasPrefix("/t/lode-"))
    }
}
