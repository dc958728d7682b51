/// Parameters of a list call.
package struct ListOptions: Sendable, Hashable {
    /// A label selector, e.g. `app.kubernetes.io/managed-by=gpu-operator,nvidia.com/gpu.present`.
    package var labelSelector: String?
    /// A field selector, e.g. `metadata.name=gpu-1`.
    package var fieldSelector: String?
    /// The page size; `nil` for no paging.
    package var limit: Int?
    /// The continue token of the previous page.
    package var continueToken: String?
    /// The resourceVersion to list at (`0` allows a cached answer).
    package var resourceVersion: String?
    /// `NotOlderThan` or `Exact`, with ``resourceVersion``.
    package var resourceVersionMatch: String?

    /// Creates options.
    package init(
        labelSelector: String? = nil, fieldSelector: String? = nil, limit: Int? = nil, continueToken: String? = nil,
        resourceVersion: String? = nil, resourceVersionMatch: String? = nil
    ) {
        self.labelSelector = labelSelector
        self.fieldSelector = fieldSelector
        self.limit = limit
        self.continueToken = continueToken
        self.resourceVersion = resourceVersion
        self.resourceVersionMatch = resourceVersionMatch
    }

    /// The query parameters, in a fixed order.
    package var queryItems: [QueryItem] {
        var items: [QueryItem] = []
        if let labelSelector, !labelSelector.isEmpty { items.append(QueryItem("labelSelector", labelSelector)) }
        if let fieldSelector, !fieldSelector.isEmpty { items.append(QueryItem("fieldSelector", fieldSelector)) }
        if let limit { items.append(QueryItem("limit", String(limit))) }
        if let continueToken, !continueToken.isEmpty { items.append(QueryItem("continue", continueToken)) }
        if let resourceVersion { items.append(QueryItem("resourceVersion", resourceVersion)) }
        if let resourceVersionMatch { items.append(QueryItem("resourceVersionMatch", resourceVersionMatch)) }
        return items
    }
}

/// Parameters of a watch call.
package struct WatchOptions: Sendable, Hashable {
    /// A label selector.
    package var labelSelector: String?
    /// A field selector.
    package var fieldSelector: String?
    /// Start after this resourceVersion; `nil` starts with synthetic ADDED events for every object.
    package var resourceVersion: String?
    /// Ask the server to end the watch after this many seconds.
    package var timeoutSeconds: Int?
    /// Ask for BOOKMARK events, which advance the resourceVersion without objects.
    package var allowBookmarks: Bool

    /// Creates options.
    package init(
        labelSelector: String? = nil, fieldSelector: String? = nil, resourceVersion: String? = nil,
        timeoutSeconds: Int? = nil, allowBookmarks: Bool = true
    ) {
        self.labelSelector = labelSelector
        self.fieldSelector = fieldSelector
        self.resourceVersion = resourceVersion
        self.timeoutSeconds = timeoutSeconds
        self.allowBookmarks = allowBookmarks
    }

    /// The query parameters, in a fixed order, starting with `watch=true`.
    package var queryItems: [QueryItem] {
        var items = [QueryItem("watch", "true")]
        if let labelSelector, !labelSelector.isEmpty { items.append(QueryItem("labelSelector", labelSelector)) }
        if let fieldSelector, !fieldSelector.isEmpty { items.append(QueryItem("fieldSelector", fieldSelector)) }
        if let resourceVersion, !resourceVersion.isEmpty { items.append(QueryItem("resourceVersion", resourceVersion)) }
        if let timeoutSeconds { items.append(QueryItem("timeoutSeconds", String(timeoutSeconds))) }
        if allowBookmarks { items.append(QueryItem("allowWatchBookmarks", "true")) }
        return items
    }
}
