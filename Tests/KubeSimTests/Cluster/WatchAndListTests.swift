import Foundation
import KubeModels
import Testing

@testable import KubeSim

@Suite("Watch and list semantics in process")
struct WatchAndListTests {
    func drain(_ subscription: WatchSubscription, count: Int) async -> [WatchDelivery] {
        var items = subscription.initial
        var iterator = subscription.stream.makeAsyncIterator()
        while items.count < count, let next = await iterator.next() { items.append(next) }
        return items
    }

    func names(_ deliveries: [WatchDelivery]) -> [String] {
        deliveries.compactMap {
            if case .event(let type, let object) = $0 { return "\(type.rawValue) \(object.key.name)" }
            return nil
        }
    }

    @Test("a watch from a resourceVersion replays exactly the later changes, then goes live")
    func resume() async throws {
        let harness = await ClusterHarness()
        let first = try await harness.create(ClusterHarness.configMaps, Fixtures.configMap("a"))
        try await harness.create(ClusterHarness.configMaps, Fixtures.configMap("b"))
        var options = ListOptions()
        options.resourceVersion = String(first.resourceVersion)
        let subscription = try await harness.cluster.watch(ClusterHarness.configMaps, namespace: "default", options: options)
        _ = try await harness.cluster.delete(ClusterHarness.configMaps, namespace: "default", name: "a", options: DeleteOptions())
        let deliveries = await drain(subscription, count: 2)
        #expect(names(deliveries) == ["ADDED b", "DELETED a"])
        await harness.cluster.cancelWatch(subscription.id)
    }

    @Test("a watch without a resourceVersion starts with the current objects; sendInitialEvents ends with a bookmark")
    func initialState() async throws {
        let harness = await ClusterHarness()
        try await harness.create(ClusterHarness.configMaps, Fixtures.configMap("a", labels: ["app": "x"]))
        try await harness.create(ClusterHarness.configMaps, Fixtures.configMap("b"))
        var options = ListOptions()
        options.labelSelector = try LabelSelector(parsing: "app=x")
        let plain = try await harness.cluster.watch(ClusterHarness.configMaps, namespace: nil, options: options)
        #expect(names(plain.initial) == ["ADDED a"])
        options.sendInitialEvents = true
        options.allowBookmarks = true
        let streaming = try await harness.cluster.watch(ClusterHarness.configMaps, namespace: nil, options: options)
        guard case .bookmark(_, let end)? = streaming.initial.last else {
            Issue.record("expected a closing bookmark")
            return
        }
        #expect(end)
    }

    @Test("410 Expired once the history no longer reaches back")
    func expired() async throws {
        let harness = await ClusterHarness()
        let first = try await harness.create(ClusterHarness.configMaps, Fixtures.configMap("a"))
        await harness.cluster.setHistoryWindow(1)
        for index in 0..<3 { try await harness.create(ClusterHarness.configMaps, Fixtures.configMap("x\(index)")) }
        var options = ListOptions()
        options.resourceVersion = String(first.resourceVersion)
        let error = await apiError { _ = try await harness.cluster.watch(ClusterHarness.configMaps, namespace: nil, options: options) }
        #expect(error?.code == 410)
        #expect(error?.status.reason == "Expired")
    }

    @Test("dropping watches ends their streams")
    func drop() async throws {
        let harness = await ClusterHarness()
        let subscription = try await harness.cluster.watch(ClusterHarness.configMaps, namespace: nil, options: ListOptions())
        await harness.cluster.dropWatches()
        var iterator = subscription.stream.makeAsyncIterator()
        #expect(await iterator.next() == nil)
        #expect(await harness.cluster.openWatchCount == 0)
    }

    @Test("paged lists are consistent snapshots and report remaining items")
    func paging() async throws {
        let harness = await ClusterHarness()
        for index in 0..<10 { try await harness.create(ClusterHarness.configMaps, Fixtures.configMap(String(format: "cm-%02d", index))) }
        var options = ListOptions()
        options.limit = 4
        let page1 = try await harness.cluster.list(ClusterHarness.configMaps, namespace: "default", options: options)
        #expect(page1.items.map(\.key.name) == ["cm-00", "cm-01", "cm-02", "cm-03"])
        #expect(page1.remainingItemCount == 6)
        try await harness.create(ClusterHarness.configMaps, Fixtures.configMap("cm-99"))
        options.continueToken = page1.continueToken
        let page2 = try await harness.cluster.list(ClusterHarness.configMaps, namespace: "default", options: options)
        options.continueToken = page2.continueToken
        let page3 = try await harness.cluster.list(ClusterHarness.configMaps, namespace: "default", options: options)
        #expect(page2.items.count == 4 && page3.items.count == 2)
        #expect(page3.continueToken == nil)
        #expect(page3.resourceVersion == page1.resourceVersion)
        #expect(!(page3.items.map(\.key.name)).contains("cm-99"))
    }
}
