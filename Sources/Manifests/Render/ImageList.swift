import KubeModels

/// Lists the images a render deploys.
package enum ImageList {
    /// Every container image of every rendered DaemonSet, plus images handed to validator workloads
    /// through `VALIDATOR_IMAGE`, de-duplicated in apply order.
    package static func images(in result: RenderResult) -> [String] {
        var seen: Set<String> = []
        var images: [String] = []
        func add(_ image: String?) {
            guard let image, !image.isEmpty, seen.insert(image).inserted else { return }
            images.append(image)
        }
        for object in result.objects where object.resourceType == .daemonSets {
            let pod = object.body[path: ["spec", "template", "spec"]]
            for key in ["initContainers", "containers"] {
                for container in pod?[key]?.arrayValue ?? [] {
                    add(container["image"]?.stringValue)
                    for variable in container["env"]?.arrayValue ?? [] where variable["name"]?.stringValue == "VALIDATOR_IMAGE" {
                        add(variable["value"]?.stringValue)
                    }
                }
            }
        }
        return images
    }
}
