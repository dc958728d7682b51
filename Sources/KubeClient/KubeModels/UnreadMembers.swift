/// Members of a JSON document that a model never reads and that the parser can step over without
/// building them: a Node's `metadata.managedFields` and `status.images` are more than half of its
/// 15-30 KB on a production cluster, and the operator parses one Node per node event.
///
/// A member is named by the member that holds it (`metadata`, `managedFields`), so a label or
/// annotation that happens to be called `images` is still read. Skipped members are checked only for
/// balanced brackets and terminated strings, not parsed.
package struct UnreadMembers: Sendable, Hashable {
    /// One skipped member: `member` inside an object that is the value of `parent`.
    package struct Member: Sendable, Hashable {
        /// The member holding the object, e.g. `metadata`.
        package var parent: String
        /// The skipped member, e.g. `managedFields`.
        package var member: String

        /// Names a skipped member.
        package init(_ parent: String, _ member: String) {
            self.parent = parent
            self.member = member
        }
    }

    /// The skipped members.
    package var members: Set<Member>

    /// Names the skipped members.
    package init(_ members: Set<Member>) { self.members = members }

    /// Nothing skipped.
    package static let none = UnreadMembers([])
}

/// A model whose JSON has members it never reads (``UnreadMembers``); `JSONEncoding` skips them when it
/// parses the model, its list pages and its watch events.
package protocol SkipsUnreadMembers {
    /// The members skipped while parsing this model.
    static var unreadMembers: UnreadMembers { get }
}

extension UnreadMembers {
    /// The members `type` skips, or ``none`` when it declares none.
    package static func of(_ type: Any.Type) -> UnreadMembers {
        (type as? any SkipsUnreadMembers.Type)?.unreadMembers ?? .none
    }
}

/// A list page skips what its items skip (the parser meets those members inside `items`, under the
/// same parents).
extension ObjectList: SkipsUnreadMembers where Item: SkipsUnreadMembers {
    /// The items' unread members.
    package static var unreadMembers: UnreadMembers { Item.unreadMembers }
}
