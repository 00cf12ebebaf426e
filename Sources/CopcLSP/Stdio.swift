import CopcFrench
#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif
import CopcDriver

/// Seconds on the monotonic clock (the debounce must not jump with the wall clock).
public func monotonicSeconds() -> Double {
    var ts = timespec()
    clock_gettime(CLOCK_MONOTONIC, &ts)
    return Double(ts.tv_sec) + Double(ts.tv_nsec) / 1e9
}

/// `read(2)` under a name that does not clash with the methods around it.
private func posixRead(_ fd: Int32, _ buf: UnsafeMutableRawPointer?, _ count: Int) -> Int { read(fd, buf, count) }

/// Writes all of `bytes` (`FileSystem.writeAll`); false when the descriptor is gone.
@discardableResult
func writeAll(_ fd: Int32, _ bytes: [UInt8]) -> Bool {
    bytes.withUnsafeBytes { FileSystem.writeAll(fd, $0) }
}

/// Whether bytes are waiting on `fd` right now.
func inputWaiting(_ fd: Int32) -> Bool {
    var pfd = pollfd(fd: fd, events: Int16(POLLIN), revents: 0)
    return poll(&pfd, 1, 0) > 0
}

/// `copc lsp`: the server over stdin and stdout.
///
/// One thread: `poll()` on the input with a timeout that ends when the debounced check is
/// due. Messages are handled as they arrive; when the input has been quiet for the debounce
/// delay, the check runs, and its diagnostics are published only if no new input arrived
/// meanwhile. Only protocol frames go to stdout; the log goes to stderr.
public enum LSPMain {
    /// Runs until `exit` (status 0 after `shutdown`, else 1) or the end of the input (the
    /// same rule: 0 if `shutdown` was received, else 1).
    public static func run(version: String, input: Int32 = 0, output: Int32 = 1) -> Int32 {
        // A client that closes its end must not kill the server with SIGPIPE.
        signal(SIGPIPE, SIG_IGN)
        var outputGone = false
        let server = LanguageServer(version: version, send: { message in
            if !outputGone, !writeAll(output, MessageFramer.frame(JSONSerializer.serialize(message))) { outputGone = true }
        }, log: { line in
            writeAll(2, Array("copc lsp : \(line)\n".utf8))
        })
        var framer = MessageFramer()
        var buffer = [UInt8](repeating: 0, count: 1 << 16)
        while true {
            if let status = server.exitStatus { return status }
            if outputGone { return 1 }
            var timeout: Int32 = -1
            if let due = server.nextWakeUp {
                let ms = (due - monotonicSeconds()) * 1000
                timeout = Int32(French.clamped(ms.rounded(.up), to: 0...60_000))
            }
            var pfd = pollfd(fd: input, events: Int16(POLLIN), revents: 0)
            let ready = poll(&pfd, 1, timeout)
            if ready < 0 {
                if errno == EINTR { continue }
                return server.shutdownRequested ? 0 : 1
            }
            if ready == 0 {
                server.runDueWork(inputPending: { framer.hasBufferedBytes || inputWaiting(input) })
                continue
            }
            let n = buffer.withUnsafeMutableBytes { posixRead(input, $0.baseAddress, $0.count) }
            if n < 0 {
                if errno == EINTR || errno == EAGAIN { continue }
                return server.shutdownRequested ? 0 : 1
            }
            if n == 0 { return server.shutdownRequested ? 0 : 1 }
            framer.append(buffer[0..<n])
            while let event = framer.next() {
                switch event {
                case .message(let body):
                    server.handle(body)
                    if let status = server.exitStatus { return status }
                case .skipped(let why):
                    writeAll(2, Array("copc lsp : \(why)\n".utf8))
                }
            }
        }
    }
}
