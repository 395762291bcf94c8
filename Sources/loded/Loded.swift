import ArgumentParser
import Foundation
import LodeCorpus
import LodeEntities
import LodeRPC
import LodeSearch
import LodeServer
import Logging

@main
struct Loded: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "loded",
        abstract: "The Lode server: corpus, search and entity services on a Unix socket.",
        discussion: "Listens on --socket, else $LODE_SOCKET, else $XDG_RUNTIME_DIR/lode/lode.sock, else <tmp>/lode-<uid>/lode.sock. SIGINT or SIGTERM stop it gracefully.")

    @Option(help: "Unix socket path to listen on.")
    var socket: String?

    @Option(help: "The corpus store, a SQLite file; default $XDG_DATA_HOME/lode/lode.sqlite, else ~/.local/share/lode/lode.sqlite.")
    var store: String?

    @Option(help: "Share of a page's five-word runs found in an earlier page (MinHash containment) at or above which it is marked as a copy of it (0 to 1); rewrites are also found by their names and numbers.")
    var duplicateThreshold = 0.4

    @Option(help: "Seconds between flushes of the search index to disk (a new segment), when it changed.")
    var indexSaveInterval = 30

    @Flag(inversion: .prefixedNo, help: "Read every ingested document's entities into the catalogue (and re-read the corpus when the model changed).")
    var entities = true

    @Flag(help: "Also serve Diagnostics' Echo, EchoStream, Collect and Chat, which echo and sleep on request: for tests and benchmarks.")
    var diagnostics = false

    @Option(help: "Largest frame accepted or sent, in bytes.")
    var maxFrameBytes = 4 * 1024 * 1024

    @Option(help: "Connections open at once.")
    var maxConnections = 256

    @Option(help: "Calls in flight on one connection.")
    var maxCallsPerConnection = 1024

    @Option(help: "Seconds before a connection with no call in flight is closed.")
    var idleTimeout = 300

    @Option(help: "Seconds calls in flight get to finish on SIGINT/SIGTERM.")
    var grace = 10

    @Option(help: "Also let this uid connect (repeatable). Only loded's own user may by default.")
    var allowUid: [UInt32] = []

    @Option(help: "Also let members of this gid connect (repeatable).")
    var allowGid: [UInt32] = []

    @Option(help: "trace, debug, info, notice, warning, error or critical.")
    var logLevel: Logger.Level = .info

    func validate() throws {
        guard maxFrameBytes >= 1024 else { throw ValidationError("--max-frame-bytes must be at least 1024") }
        guard maxConnections > 0, maxCallsPerConnection > 0 else { throw ValidationError("limits must be positive") }
        guard idleTimeout > 0, grace >= 0 else { throw ValidationError("--idle-timeout must be positive and --grace not negative") }
        guard indexSaveInterval > 0 else { throw ValidationError("--index-save-interval must be positive") }
        guard (0...1).contains(duplicateThreshold) else { throw ValidationError("--duplicate-threshold must be between 0 and 1") }
    }

    func run() async throws {
        let level = logLevel
        LoggingSystem.bootstrap { label in
            var handler = StreamLogHandler.standardError(label: label)
            handler.logLevel = level
            return handler
        }
        umask(0o077)
        // A write past the file-size limit (ulimit -f) fails with EFBIG, reported to the
        // caller as a full store, instead of killing the server.
        signal(SIGXFSZ, SIG_IGN)
        ProcessTuning.keepHeapWarm()
        let logger = Logger(label: "loded")
        let extractor = LoadOnce(EntityExtractor.bundled)
        let annotate: CorpusIngestor.Annotator = { page in
            (try? extractor.value()).map { EntityAnnotator(extractor: $0).annotate(page) }
        }
        let annotator = entities ? annotate : nil
        let ingestor: CorpusIngestor
        let search: CorpusSearch
        /// Held while this process runs: no second server on the store.
        let lock: StoreLock
        do {
            let storePath = store ?? Self.defaultStorePath()
            lock = try StoreLock(store: storePath)
            let snapshotPath = CorpusSearch.snapshotPath(forStore: storePath)
            // The search index on disk maps while the store opens and is checked: a restart waits
            // for the longer of the two, not both.
            let snapshot = Task.detached { Result { () throws(SnapshotError) in try SearchIndex.load(from: snapshotPath) } }
            if lock.closedCleanly { logger.info("store: as its last clean close left it; quick check skipped") }
            let documents = try DocumentStore(path: storePath, quickCheck: !lock.closedCleanly)
            search = try CorpusSearch(store: documents, snapshotPath: snapshotPath, snapshot: await snapshot.value,
                                      entities: documents.documentIDs(ofEntityNamed:kind:)) {
                logger.info("\($0)")
            }
            ingestor = CorpusIngestor(store: documents, duplicateThreshold: duplicateThreshold, annotator: annotator,
                                      observer: search.apply) { logger.info("\($0)") }
            try search.saveIfChanged(merging: false)
        } catch {
            FileHandle.standardError.write(Data("loded: \(error)\n".utf8))
            throw ExitCode(1)
        }
        let services = LodeServices(ingestor: ingestor, search: search, extractor: extractor, diagnostics: diagnostics)
        var config = ServerConfiguration(socketPath: socket ?? SocketPath.defaultPath())
        config.maxFrameBytes = maxFrameBytes
        config.maxConnections = maxConnections
        config.maxCallsPerConnection = maxCallsPerConnection
        config.idleTimeout = .seconds(idleTimeout)
        config.peerPolicy = PeerPolicy(allowedUIDs: Set(allowUid + [getuid()]), allowedGIDs: Set(allowGid))
        config.agent = "loded/\(LodeVersion.current)"
        config.logger = logger
        let server = RPCServer(config: config, router: services.router, stats: services.stats)
        do {
            try await server.start()
        } catch let error as RPCServer.StartError {
            FileHandle.standardError.write(Data("loded: \(error)\n".utf8))
            throw ExitCode(1)
        }
        let saver = Task.detached { [interval = indexSaveInterval] in
            while !Task.isCancelled {
                try? await Task.sleep(for: .seconds(interval))
                do {
                    try search.saveIfChanged()
                } catch {
                    logger.error("saving the search index: \(error)")
                }
            }
        }
        let refresh = entities ? Self.refreshCatalogue(ingestor.store, extractor, logger) : nil
        let signal = await Self.nextTerminationSignal()
        refresh?.cancel()
        logger.info("\(signal), draining for up to \(grace) s")
        services.health.shutdown()
        await server.drain(grace: .seconds(grace))
        saver.cancel()
        do {
            try search.saveIfChanged(merging: false)
        } catch {
            logger.error("saving the search index: \(error)")
        }
        do {
            try ingestor.store.close()
            lock.recordClose()
        } catch {
            logger.error("closing the store: \(error)")
        }
    }

    /// Reads, in the background, every stored document the catalogue lacks or that another
    /// model read, logging progress.
    static func refreshCatalogue(_ store: DocumentStore, _ extractor: LoadOnce<EntityExtractor>, _ logger: Logger) -> Task<Void, Never> {
        Task.detached(priority: .utility) {
            do {
                let annotator = EntityAnnotator(extractor: try extractor.value())
                var logged = Date()
                let read = try await CatalogRefresh.run(store: store, annotator: annotator) { done, total in
                    if Date().timeIntervalSince(logged) >= 2 || done == total {
                        logged = Date()
                        logger.info("entity catalogue: read \(done) of \(total) documents")
                    }
                    return !Task.isCancelled
                }
                if read > 0 { logger.info("entity catalogue: up to date with \(annotator.extractor.version)") }
            } catch {
                logger.error("entity catalogue: \(error)")
            }
        }
    }

    /// `$XDG_DATA_HOME/lode/lode.sqlite`, else `~/.local/share/lode/lode.sqlite`.
    static func defaultStorePath() -> String {
        let env = ProcessInfo.processInfo.environment
        let data = env["XDG_DATA_HOME"].flatMap { $0.isEmpty ? nil : $0 } ?? (env["HOME"] ?? NSHomeDirectory()) + "/.local/share"
        return data + "/lode/lode.sqlite"
    }

    /// Waits for SIGINT or SIGTERM and returns its name.
    private static func nextTerminationSignal() async -> String {
        await withCheckedContinuation { continuation in
            let once = OnceFlag()
            SignalWatcher.watch([SIGINT, SIGTERM]) { number in
                if once.claim() { continuation.resume(returning: number == SIGINT ? "SIGINT" : "SIGTERM") }
            }
        }
    }
}

extension Logger.Level: @retroactive ExpressibleByArgument {}
