/// What the framer extracted from the input stream.
public enum FrameEvent: Equatable, Sendable {
    /// A message body (the bytes announced by `Content-Length`, not yet parsed).
    case message([UInt8])
    /// Bytes that could not be framed were skipped; the reason, in French, for the log.
    case skipped(String)
}

/// Splits the LSP byte stream into messages: header lines, an empty line, then exactly
/// `Content-Length` bytes of body.
///
/// Invariant: whatever the input, the framer makes progress and resynchronises. A header
/// block without a usable `Content-Length` is skipped; a line holding garbage before
/// `Content-Length:` keeps the header; a header that never ends is dropped after
/// `maxHeaderBytes`. Header lines may end in CRLF (the protocol) or LF (lenient).
public struct MessageFramer {
    /// Larger header blocks are garbage: real ones hold two short lines.
    public static let maxHeaderBytes = 8192
    /// A larger announced body is a corrupt header (waiting for it would hang the server).
    public static let maxBodyBytes = 512 << 20

    var buffer: [UInt8] = []
    var start = 0
    /// Body length announced by the header just read, while its body is incomplete.
    var pendingLength: Int?

    public init() {}

    public mutating func append(_ bytes: some Collection<UInt8>) {
        if start > 0 && start >= buffer.count / 2 {
            buffer.removeFirst(start)
            start = 0
        }
        buffer.append(contentsOf: bytes)
    }

    /// Whether bytes are buffered that do not yet form a whole message.
    public var hasBufferedBytes: Bool { start < buffer.count }

    /// The next message or skip event, or `nil` when more input is needed.
    public mutating func next() -> FrameEvent? {
        while true {
            if let n = pendingLength {
                guard buffer.count - start >= n else { return nil }
                let body = Array(buffer[start..<start + n])
                start += n
                pendingLength = nil
                return .message(body)
            }
            guard start < buffer.count else { return nil }
            // Find the empty line that ends the header block.
            var lineStart = start
            var lines: [(Int, Int)] = []
            var end: Int?
            var k = start
            while k < buffer.count {
                if buffer[k] == 0x0A {
                    var lineEnd = k
                    if lineEnd > lineStart && buffer[lineEnd - 1] == 0x0D { lineEnd -= 1 }
                    if lineEnd == lineStart {
                        end = k + 1
                        break
                    }
                    lines.append((lineStart, lineEnd))
                    lineStart = k + 1
                }
                k += 1
            }
            guard let headerEnd = end else {
                if buffer.count - start > MessageFramer.maxHeaderBytes {
                    let skipped = buffer.count - start
                    // Keep a `Content-Length` that may begin a real header at the tail.
                    if let resume = lastContentLength(from: start + 1, to: buffer.count) {
                        start = resume
                    } else {
                        start = buffer.count
                    }
                    return .skipped("en-tête de plus de \(MessageFramer.maxHeaderBytes) octets sans ligne vide ignoré (\(skipped) octets)")
                }
                return nil
            }
            if lines.isEmpty {
                // A stray empty line between messages.
                start = headerEnd
                continue
            }
            var length: Int?
            var problem: String?
            for (s, e) in lines {
                guard let at = contentLengthValue(s, e) else { continue }
                let digits = buffer[at..<e].drop { $0 == 0x20 || $0 == 0x09 }
                let trimmed = digits.reversed().drop { $0 == 0x20 || $0 == 0x09 }.reversed()
                if !trimmed.isEmpty, trimmed.count <= 12, trimmed.allSatisfy({ $0 >= 0x30 && $0 <= 0x39 }),
                   let n = Int(String(decoding: trimmed, as: UTF8.self)) {
                    if n > MessageFramer.maxBodyBytes {
                        problem = "Content-Length trop grand (\(n) octets)"
                    } else {
                        length = n
                        problem = nil
                    }
                } else {
                    problem = "Content-Length invalide « \(String(decoding: buffer[at..<e], as: UTF8.self)) »"
                }
            }
            start = headerEnd
            if let n = length {
                pendingLength = n
                continue
            }
            return .skipped((problem ?? "en-tête sans Content-Length") + " : message ignoré")
        }
    }

    /// Offset just after `Content-Length:` (any case) in the line `s..<e`, if present.
    func contentLengthValue(_ s: Int, _ e: Int) -> Int? {
        let name = Array("content-length:".utf8)
        guard e - s >= name.count else { return nil }
        var k = s
        while k + name.count <= e {
            var match = true
            for j in 0..<name.count {
                var c = buffer[k + j]
                if c >= 0x41 && c <= 0x5A { c += 0x20 }
                if c != name[j] { match = false; break }
            }
            if match { return k + name.count }
            k += 1
        }
        return nil
    }

    func lastContentLength(from s: Int, to e: Int) -> Int? {
        let name = Array("content-length:".utf8)
        var k = e - name.count
        while k >= s {
            var match = true
            for j in 0..<name.count {
                var c = buffer[k + j]
                if c >= 0x41 && c <= 0x5A { c += 0x20 }
                if c != name[j] { match = false; break }
            }
            if match { return k }
            k -= 1
        }
        return nil
    }

    /// A body with its header, ready to write.
    public static func frame(_ body: [UInt8]) -> [UInt8] {
        Array("Content-Length: \(body.count)\r\n\r\n".utf8) + body
    }
}
