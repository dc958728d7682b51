import KubeModels

extension APIHandler {
    /// How long a watch without `timeoutSeconds` stays open (the API server's minimum request
    /// timeout).
    static let defaultWatchTimeout: Duration = .seconds(1800)

    /// Opens a watch and returns its streaming response. A resourceVersion too old for the history
    /// window gives a 200 response with one `ERROR` event carrying 410 `Expired`, as the real API
    /// server's watch cache answers.
    func watch(_ resource: APIResource, path: ResourcePath, request: IncomingRequest, encoding: ObjectEncoding) async throws -> OutgoingResponse {
        var options = try Self.listOptions(request, resource)
        if path.isWatchPath, let name = path.name {
            options.fieldSelector.requirements.append(FieldSelector.Requirement(path: "metadata.name", value: name, isNegated: false))
        }
        let headers = [("Content-Type", "application/json")]
        let subscription: WatchSubscription
        do throws(APIError) {
            subscription = try await cluster.watch(resource, namespace: path.namespace, options: options)
        } catch {
            guard error.code == 410 else { throw error }
            let line = ObjectEncoding.errorEvent(error)
            return .stream(
                status: 200, headers: headers,
                body: StreamingBody { write in
                    do {
                        try await write(line)
                    } catch {
                        return
                    }
                })
        }
        let timeout = request.query.integer("timeoutSeconds").map { Duration.seconds($0) } ?? Self.defaultWatchTimeout
        let bookmarks = options.allowBookmarks ? bookmarkInterval : nil
        let cluster = self.cluster
        let faults = self.faults
        return .stream(
            status: 200, headers: headers,
            body: StreamingBody { write in
                await withTaskGroup(of: Void.self) { group in
                    group.addTask {
                        var isFirst = true
                        func send(_ delivery: WatchDelivery) async throws {
                            await faults.waitWhilePaused()
                            switch delivery {
                            case .event(let type, let object):
                                try await write(encoding.watchEvent(type, object, isFirst: isFirst))
                                isFirst = false
                            case .bookmark(let version, let end):
                                try await write(encoding.bookmark(resourceVersion: version, initialEventsEnd: end))
                            }
                        }
                        do {
                            for delivery in subscription.initial { try await send(delivery) }
                            for await delivery in subscription.stream { try await send(delivery) }
                        } catch {
                            return
                        }
                    }
                    group.addTask {
                        do {
                            try await Task.sleep(for: timeout)
                        } catch {
                            return
                        }
                    }
                    if let bookmarks {
                        group.addTask {
                            while true {
                                do {
                                    try await Task.sleep(for: bookmarks)
                                } catch {
                                    return
                                }
                                await cluster.bookmark(watch: subscription.id)
                            }
                        }
                    }
                    await group.next()
                    group.cancelAll()
                }
                await cluster.cancelWatch(subscription.id)
            })
    }
}
