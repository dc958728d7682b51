import KubeClient
import Testing

@Suite("Label selectors")
struct LabelSelectorTests {
    static let labels = ["nvidia.com/gpu.present": "true", "app": "driver", "tier": "gpu"]

    @Test("selectors match label sets", arguments: [
        ("", true),
        ("app=driver", true),
        ("app==driver", true),
        ("app!=driver", false),
        ("app!=toolkit", true),
        ("nvidia.com/gpu.present", true),
        ("!nvidia.com/gpu.present", false),
        ("!missing", true),
        ("app in (driver, toolkit)", true),
        ("app notin (driver,toolkit)", false),
        ("missing notin (a)", true),
        ("app=driver,tier=gpu", true),
        ("app=driver,tier=cpu", false),
        ("app in (x,y),tier", false),
    ])
    func matching(selector: String, matches: Bool) throws {
        #expect(try LabelSelector(parsing: selector).matches(Self.labels) == matches)
    }

    @Test("malformed selectors are rejected", arguments: ["app in (a", "a,,b", "app between (a)", "=x", "app in a"])
    func malformed(selector: String) {
        #expect(throws: LabelSelectorError.self) { try LabelSelector(parsing: selector) }
    }

    @Test("the canonical form round-trips")
    func canonical() throws {
        let selector = try LabelSelector(parsing: "app in (b,a),!x,tier=gpu,y!=z")
        #expect(selector.description == "app in (a,b),!x,tier=gpu,y!=z")
        #expect(try LabelSelector(parsing: selector.description) == selector)
        #expect(LabelSelector(matching: ["b": "2", "a": "1"]).description == "a=1,b=2")
    }
}
