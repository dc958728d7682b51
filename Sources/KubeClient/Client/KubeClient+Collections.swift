import KubeModels
import Logging

extension KubeClient {
    /// Lists a collection page by page (``ClientConfiguration/listPageSize`` items per request) and
    /// returns every item; the list's resourceVersion is the snapshot all pages were served from.
    ///
    /// When a continue token expires mid-way (410), the list restarts once without paging, as
    /// client-go's pager does.
    /// - Throws: ``KubeError``.
    package func listAllPages<Item: Decodable & Sendable>(
        _ type: ResourceType, namespace: String?, labelSelector: String?, fieldSelector: String?,
        accept: String = "application/json"
    ) async throws -> ObjectList<Item> {
        var options = ListOptions(
            labelSelector: labelSelector, fieldSelector: fieldSelector,
            limit: configuration.listPageSize > 0 ? configuration.listPageSize : nil)
        var items: [Item] = []
        var last: ObjectList<Item>?
        while true {
            let page: ObjectList<Item>
            do {
                page = try await listPage(type, namespace: namespace, options: options, accept: accept)
            } catch let error as KubeError where error.isGone && options.continueToken != nil {
                logger.info(
                    "List continue token expired; listing again without paging",
                    metadata: ["kube.resource": .string(type.description)])
                options.continueToken = nil
                options.limit = nil
                items = []
                continue
            }
            items.append(contentsOf: page.items)
            last = page
            guard let token = page.metadata.continue, !token.isEmpty else { break }
            options.continueToken = token
        }
        return ObjectList(
            apiVersion: last?.apiVersion, kind: last?.kind,
            metadata: ListMeta(resourceVersion: last?.metadata.resourceVersion), items: items)
    }

    /// Lists one page of a collection.
    /// - Parameters:
    ///   - type: the collection.
    ///   - namespace: the namespace, or `nil` for all.
    ///   - options: selectors, limit and continue token.
    ///   - accept: the `Accept` header.
    /// - Throws: ``KubeError``.
    package func listPage<Item: Decodable & Sendable>(
        _ type: ResourceType, namespace: String?, options: ListOptions, accept: String = "application/json"
    ) async throws -> ObjectList<Item> {
        let request = APIRequest.list(
            type, namespace: collectionNamespace(type, namespace), options: options, accept: accept)
        let response = try await send(request)
        do {
            return try JSONEncoding.decodeList(ObjectList<Item>.self, from: response.body)
        } catch {
            throw KubeError(reason: .decoding, code: response.status, request: request.description, underlying: error)
        }
    }

    /// A raw watch of a collection as typed events; the request is sent when iteration starts.
    ///
    /// The stream ends when the server ends the watch (its `timeoutSeconds`); it throws ``KubeError``
    /// when the watch cannot be opened or a line cannot be decoded. An `ERROR` event (e.g. 410) is
    /// delivered as ``WatchEvent/error(_:)``, after which the server closes the stream.
    /// - Important: Stopping iteration (or cancelling the iterating task) ends the transfer.
    package func watchStream<Item: Decodable & Sendable>(
        _ type: ResourceType, namespace: String?, options: WatchOptions, accept: String = "application/json"
    ) -> AsyncThrowingStream<WatchEvent<Item>, any Error> {
        let request = APIRequest.watch(
            type, namespace: collectionNamespace(type, namespace), options: options, accept: accept)
        let reader = WatchEventReader<Item>(client: self, request: request)
        return AsyncThrowingStream(unfolding: { try await reader.next() })
    }

    /// Decodes a response body, mapping failures to ``KubeError`` with reason `.decoding`.
    func decodeBody<T: Decodable>(_ type: T.Type, from response: HTTPResponse, request: APIRequest) throws -> T {
        do {
            return try JSONEncoding.decode(T.self, from: response.body)
        } catch {
            throw KubeError(reason: .decoding, code: response.status, request: request.description, underlying: error)
        }
    }
}

/// Opens a watch on first use and turns its lines into events, one at a time.
actor WatchEventReader<Item: Decodable & Sendable> {
    private let client: KubeClient
    private let request: APIRequest
    private var lines: AsyncThrowingStream<[UInt8], any Error>.AsyncIterator?
    private var isFinished = false

    /// Creates a reader for one watch request.
    init(client: KubeClient, request: APIRequest) {
        self.client = client
        self.request = request
    }

    /// The next event, or `nil` once the server ended the watch.
    func next() async throws -> WatchEvent<Item>? {
        guard !isFinished else { return nil }
        if lines == nil {
            lines = try await client.openStream(request).lines.makeAsyncIterator()
        }
        guard var iterator = lines else { return nil }
        let line = try await iterator.next(isolation: self)
        lines = iterator
        guard let line else {
            isFinished = true
            return nil
        }
        do {
            return try WatchEventDecoding.decode(line, as: Item.self)
        } catch {
            throw KubeError(reason: .decoding, request: request.description, underlying: error)
        }
    }
}
