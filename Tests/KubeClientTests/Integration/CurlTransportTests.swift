import Foundation
import KubeClient
import KubeModels
import Testing

@Suite("CurlTransport on loopback HTTP")
struct CurlTransportTests {
    static func echo(_ request: RawRequest, _ connection: LoopbackConnection) {
        let body: JSONValue = [
            "method": .string(request.method), "target": .string(request.target),
            "body": .string(String(decoding: request.body, as: UTF8.self)),
            "contentType": .string(request.headers["content-type"] ?? ""),
            "authorization": .string(request.headers["authorization"] ?? ""),
            "userAgent": .string(request.headers["user-agent"] ?? ""),
            "expect": .string(request.headers["expect"] ?? ""),
        ]
        let bytes = body.serialized()
        let status = request.target.hasPrefix("/missing") ? "404 Not Found" : "200 OK"
        let head = "HTTP/1.1 \(status)\r\nContent-Type: application/json\r\nX-Test:  yes \r\nContent-Length: \(bytes.count)\r\n\r\n"
        connection.write(Array(head.utf8) + bytes)
    }

    @Test(
        "methods, bodies and headers reach the server as built",
        arguments: [
            (HTTPMethod.get, nil as String?), (.post, "{\"a\":1}"), (.post, ""), (.put, "{\"b\":2}"), (.patch, "{\"c\":3}"),
            (.delete, "{\"kind\":\"DeleteOptions\"}"), (.delete, nil),
        ])
    func echoRoundTrip(method: HTTPMethod, body: String?) async throws {
        let server = try LoopbackHTTPServer(handler: Self.echo)
        defer { server.stop() }
        let transport = try CurlTransport()
        let request = HTTPRequest(
            method: method, url: server.url + "/api/v1/things?x=1",
            headers: [
                HTTPHeader("Authorization", "Bearer secret"), HTTPHeader("Content-Type", "application/json"),
                HTTPHeader("User-Agent", ProjectVersion.userAgent),
            ],
            body: body.map { Array($0.utf8) })
        let response = try await transport.send(request)
        #expect(response.status == 200)
        #expect(response.headers["x-test"] == "yes")
        let echoed = try JSONValue(parsing: Data(response.body))
        #expect(echoed["method"] == .string(method.rawValue))
        #expect(echoed["target"] == "/api/v1/things?x=1")
        #expect(echoed["body"] == .string(body ?? ""))
        #expect(echoed["authorization"] == "Bearer secret")
        #expect(echoed["userAgent"] == .string(ProjectVersion.userAgent))
        #expect(echoed["expect"] == "")
    }

    @Test("non-2xx answers are returned with their body, not thrown")
    func errorStatusReturned() async throws {
        let server = try LoopbackHTTPServer(handler: Self.echo)
        defer { server.stop() }
        let response = try await CurlTransport().send(HTTPRequest(method: .get, url: server.url + "/missing"))
        #expect(response.status == 404)
        #expect(!response.body.isEmpty)
    }

    @Test("stream lines split across chunks arrive whole")
    func splitChunks() async throws {
        let lines = (0..<20).map { index in watchLine("ADDED", configMapJSON("object-\(index)", resourceVersion: "\(index)")) }
        let wire = Array(lines.joined(separator: "\n").utf8) + Array("\n".utf8)
        let server = try LoopbackHTTPServer { _, connection in
            connection.write("HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nTransfer-Encoding: chunked\r\n\r\n")
            var offset = 0
            var size = 1
            while offset < wire.count {
                let end = min(offset + size, wire.count)
                connection.writeChunk(Array(wire[offset..<end]))
                usleep(2_000)
                offset = end
                size = size * 3 % 97 + 1
            }
            connection.write("0\r\n\r\n")
        }
        defer { server.stop() }
        let response = try await CurlTransport().stream(
            HTTPRequest(method: .get, url: server.url + "/watch", timeouts: RequestTimeouts(connect: .seconds(5), total: nil)))
        #expect(response.status == 200)
        var received: [String] = []
        for try await line in response.lines { received.append(String(decoding: line, as: UTF8.self)) }
        #expect(received == lines)
    }

    @Test("cancelling the task ends a silent stream within a second, and the server sees the disconnect")
    func silentStreamCancellation() async throws {
        let disconnected = Locked<Bool?>(nil)
        let server = try LoopbackHTTPServer { _, connection in
            connection.write("HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n")
            connection.writeChunk(Array("{\"type\":\"BOOKMARK\"}\n".utf8))
            // Generous: a starved test task may be slow to cancel; the promptness is measured below.
            let closed = connection.waitForPeerClose(timeout: .seconds(120))
            disconnected.withLock { $0 = closed }
        }
        defer { server.stop() }
        let transport = try CurlTransport()
        let clock = ContinuousClock()
        // Cancelled only once the stream is open and its first line read (a loaded machine may take
        // longer than any fixed delay to get there); the time is measured from the cancellation.
        let streaming = Locked(false)
        let cancelledAt = Locked<ContinuousClock.Instant?>(nil)
        let ended = try await withThrowingTaskGroup(of: ContinuousClock.Instant.self) { group in
            group.addTask {
                let response = try await transport.stream(
                    HTTPRequest(method: .get, url: server.url + "/watch", timeouts: RequestTimeouts(connect: .seconds(5), total: nil)))
                var iterator = response.lines.makeAsyncIterator()
                _ = try await iterator.next()
                streaming.withLock { $0 = true }
                do {
                    _ = try await iterator.next()
                } catch {
                    #expect(error is CancellationError)
                }
                return clock.now
            }
            for _ in 0..<1_200 where !streaming.value { try await Task.sleep(for: .milliseconds(50)) }
            try #require(streaming.value, "the stream never delivered its first line")
            try await Task.sleep(for: .milliseconds(300))
            cancelledAt.withLock { $0 = clock.now }
            group.cancelAll()
            return try await group.next() ?? clock.now
        }
        let cancelled = try #require(cancelledAt.value)
        #expect(cancelled.duration(to: ended) < .seconds(1))
        for _ in 0..<200 where disconnected.value == nil { try await Task.sleep(for: .milliseconds(50)) }
        #expect(disconnected.value == true)
    }

    @Test("a consumer that stops iterating ends the transfer")
    func droppedStream() async throws {
        let disconnected = Locked<Bool?>(nil)
        let server = try LoopbackHTTPServer { _, connection in
            connection.write("HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n")
            connection.writeChunk(Array("{\"n\":1}\n{\"n\":2}\n".utf8))
            // Long enough for a starved test task (the whole suite runs in parallel on small CI
            // machines) to get to its `break`; what is measured is the time after it, below.
            let closed = connection.waitForPeerClose(timeout: .seconds(120))
            disconnected.withLock { $0 = closed }
        }
        defer { server.stop() }
        do {
            let response = try await CurlTransport().stream(
                HTTPRequest(method: .get, url: server.url + "/watch", timeouts: RequestTimeouts(connect: .seconds(5), total: nil)))
            for try await _ in response.lines { break }
        }
        // Once the consumer has stopped, the connection closes promptly (bounded wait).
        for _ in 0..<200 where disconnected.value == nil { try await Task.sleep(for: .milliseconds(50)) }
        #expect(disconnected.value == true)
    }

    @Test("a refused connection is a connect failure with libcurl's message")
    func connectionRefused() async throws {
        let server = try LoopbackHTTPServer(handler: Self.echo)
        let url = server.url
        server.stop()
        await #expect {
            _ = try await CurlTransport().send(HTTPRequest(method: .get, url: url + "/x"))
        } throws: { error in
            guard let curlError = error as? CurlError else { return false }
            return curlError.isConnectFailure && !curlError.message.isEmpty && curlError.request == "GET \(url)/x"
        }
    }

    @Test("the total timeout ends a request the server never answers")
    func totalTimeout() async throws {
        let server = try LoopbackHTTPServer { _, connection in _ = connection.waitForPeerClose(timeout: .seconds(5)) }
        defer { server.stop() }
        let request = HTTPRequest(
            method: .get, url: server.url + "/slow", timeouts: RequestTimeouts(connect: .seconds(2), total: .milliseconds(300)))
        await #expect {
            _ = try await CurlTransport().send(request)
        } throws: { error in
            (error as? CurlError)?.isTimeout == true
        }
    }

    @Test("cancelling an ordinary request on a silent connection ends it at once, and the transport still serves")
    func requestCancellation() async throws {
        let server = try LoopbackHTTPServer { request, connection in
            if request.target == "/hang" {
                _ = connection.waitForPeerClose(timeout: .seconds(5))
            } else {
                Self.echo(request, connection)
            }
        }
        defer { server.stop() }
        // One thread, so the request after the cancelled one runs on the same easy handle.
        let transport = try CurlTransport(maximumConcurrentTransfers: 1)
        #expect(try await transport.send(HTTPRequest(method: .get, url: server.url + "/before")).status == 200)
        let clock = ContinuousClock()
        let elapsed = await withTaskGroup(of: (any Error)?.self) { group in
            group.addTask {
                do {
                    _ = try await transport.send(HTTPRequest(method: .get, url: server.url + "/hang"))
                    return nil
                } catch {
                    return error
                }
            }
            try? await Task.sleep(for: .milliseconds(200))
            let cancelled = clock.now
            group.cancelAll()
            let error = await group.next() ?? nil
            #expect(error is CancellationError)
            return cancelled.duration(to: clock.now)
        }
        // The socket shutdown takes milliseconds (libcurl's progress callback alone, up to a second);
        // the bound leaves room for a loaded test machine.
        #expect(elapsed < .seconds(1))
        #expect(try await transport.send(HTTPRequest(method: .get, url: server.url + "/after")).status == 200)
    }

    @Test("many concurrent requests share a bounded pool of threads")
    func concurrency() async throws {
        let server = try LoopbackHTTPServer(handler: Self.echo)
        defer { server.stop() }
        let transport = try CurlTransport(maximumConcurrentTransfers: 4)
        try await withThrowingTaskGroup(of: Int.self) { group in
            for index in 0..<64 {
                group.addTask { try await transport.send(HTTPRequest(method: .get, url: server.url + "/n/\(index)")).status }
            }
            for try await status in group { #expect(status == 200) }
        }
    }

    @Test("libcurl qualifies: 7.77 or newer, on OpenSSL")
    func libraryCheck() throws {
        try LibCurl.initialize()
        #expect(LibCurl.versionDescription.contains("OpenSSL"))
        let requirement = LibCurlRequirement()
        #expect(requirement.problem(versionNumber: 0x07_58_01, tlsBackend: "OpenSSL/3.0.11") == nil)
        #expect(requirement.problem(versionNumber: 0x07_4C_00, tlsBackend: "OpenSSL/1.1.1")?.contains("7.76.0 is too old") == true)
        #expect(requirement.problem(versionNumber: 0x07_58_01, tlsBackend: "GnuTLS/3.7.9")?.contains("GnuTLS") == true)
        #expect(requirement.problem(versionNumber: 0x07_58_01, tlsBackend: nil)?.contains("no TLS library") == true)
    }
}
