import Foundation

extension ModelFixtures {
    static let serviceAccount = #"""
        {"apiVersion":"v1","kind":"ServiceAccount","metadata":\#(metadata),"automountServiceAccountToken":true,
         "imagePullSecrets":[{"name":"pull"}]}
        """#

    static let configMap = #"""
        {"apiVersion":"v1","kind":"ConfigMap","metadata":\#(metadata),"data":{"config.yaml":"a: 1\n"},
         "binaryData":{"blob":"AAEC"}}
        """#

    static let secret = #"""
        {"apiVersion":"v1","kind":"Secret","metadata":\#(metadata),"type":"Opaque","data":{"k":"dg=="},
         "stringData":{"s":"v"}}
        """#

    static let service = #"""
        {"apiVersion":"v1","kind":"Service","metadata":\#(metadata),
         "spec":{"type":"ClusterIP","selector":{"app":"dcgm"},"ports":[{"name":"metrics","port":9400,"targetPort":9400,
           "protocol":"TCP","nodePort":30000},{"port":80,"targetPort":"http"}],"clusterIP":"10.96.0.10",
           "clusterIPs":["10.96.0.10"],"internalTrafficPolicy":"Local"}}
        """#

    static let runtimeClass = #"""
        {"apiVersion":"node.k8s.io/v1","kind":"RuntimeClass","metadata":\#(metadata),"handler":"nvidia",
         "overhead":{"podFixed":{"cpu":"100m"}},"scheduling":{"nodeSelector":{"a":"b"}}}
        """#

    static let role = #"""
        {"apiVersion":"rbac.authorization.k8s.io/v1","kind":"Role","metadata":\#(metadata),
         "rules":[{"apiGroups":[""],"resources":["pods"],"resourceNames":["p"],"verbs":["get","list"],
           "nonResourceURLs":["/metrics"]}]}
        """#

    static let clusterRole = role.replacingOccurrences(of: #""kind":"Role""#, with: #""kind":"ClusterRole""#)

    static let roleBinding = #"""
        {"apiVersion":"rbac.authorization.k8s.io/v1","kind":"RoleBinding","metadata":\#(metadata),
         "roleRef":{"apiGroup":"rbac.authorization.k8s.io","kind":"Role","name":"r"},
         "subjects":[{"kind":"ServiceAccount","name":"sa","namespace":"gpu-operator","apiGroup":""}]}
        """#

    static let clusterRoleBinding = roleBinding.replacingOccurrences(
        of: #""kind":"RoleBinding""#, with: #""kind":"ClusterRoleBinding""#)

    static let namespace = #"""
        {"apiVersion":"v1","kind":"Namespace","metadata":\#(metadata),"spec":{"finalizers":["kubernetes"]},
         "status":{"phase":"Active"}}
        """#

    static let lease = #"""
        {"apiVersion":"coordination.k8s.io/v1","kind":"Lease","metadata":\#(metadata),
         "spec":{"holderIdentity":"op-1","leaseDurationSeconds":15,"acquireTime":"2026-01-01T00:00:00.000000Z",
           "renewTime":"2026-01-01T00:00:10.000000Z","leaseTransitions":2}}
        """#

    static let schema = #"""
        {"type":"object","format":"f","description":"d","required":["spec"],
         "properties":{"spec":{"type":"object","x-kubernetes-preserve-unknown-fields":true},
           "list":{"type":"array","items":{"type":"string","enum":["a",1,null],"pattern":"^a","minLength":1,"maxLength":9},
             "minItems":0,"maxItems":4,"x-kubernetes-list-type":"map","x-kubernetes-list-map-keys":["name"]},
           "port":{"x-kubernetes-int-or-string":true,"anyOf":[{"type":"integer"},{"type":"string"}],"nullable":true},
           "map":{"type":"object","additionalProperties":{"type":"string"},"x-kubernetes-map-type":"atomic",
             "default":{"k":"v"}},
           "ratio":{"type":"number","minimum":0.5,"maximum":2.5},
           "embedded":{"x-kubernetes-embedded-resource":true,"x-kubernetes-validations":[{"rule":"self.x > 0"}]}}}
        """#

    static let customResourceDefinition = #"""
        {"apiVersion":"apiextensions.k8s.io/v1","kind":"CustomResourceDefinition","metadata":\#(metadata),
         "spec":{"group":"nvidia.com","names":{"plural":"clusterpolicies","singular":"clusterpolicy","kind":"ClusterPolicy",
           "listKind":"ClusterPolicyList","shortNames":["cp"],"categories":["all"]},"scope":"Cluster",
           "versions":[{"name":"v1","served":true,"storage":true,"deprecated":false,"deprecationWarning":"w",
             "schema":{"openAPIV3Schema":\#(schema)},"subresources":{"status":{},"scale":{"specReplicasPath":".spec.r"}},
             "additionalPrinterColumns":[{"name":"Status","type":"string","jsonPath":".status.state"}]}],
           "conversion":{"strategy":"None"},"preserveUnknownFields":false},
         "status":{"conditions":[{"type":"Established","status":"True"}],
           "acceptedNames":{"plural":"clusterpolicies","kind":"ClusterPolicy"},"storedVersions":["v1"]}}
        """#

    static let objectReference = #"""
        {"apiVersion":"v1","kind":"Node","namespace":"","name":"gpu-1","uid":"u","resourceVersion":"7","fieldPath":"spec"}
        """#

    static let event = #"""
        {"apiVersion":"v1","kind":"Event","metadata":\#(metadata),"involvedObject":\#(objectReference),"reason":"Labelled",
         "message":"m","source":{"component":"gpu-operator","host":"h"},"firstTimestamp":"t1","lastTimestamp":"t2",
         "count":2,"type":"Normal","eventTime":"2026-01-01T00:00:00.000000Z","action":"Label",
         "reportingComponent":"gpu-operator","reportingInstance":"op-1"}
        """#

    static let eventsV1Event = #"""
        {"apiVersion":"events.k8s.io/v1","kind":"Event","metadata":\#(metadata),"eventTime":"2026-01-01T00:00:00.000000Z",
         "series":{"count":3,"lastObservedTime":"2026-01-01T00:00:09.000000Z"},"reportingController":"gpu-operator",
         "reportingInstance":"op-1","action":"Label","reason":"Labelled","regarding":\#(objectReference),
         "related":\#(objectReference),"note":"n","type":"Warning"}
        """#

    static let status = #"""
        {"kind":"Status","apiVersion":"v1","metadata":{"resourceVersion":"9","continue":"c","remainingItemCount":4},
         "status":"Failure","message":"m","reason":"Invalid","code":422,
         "details":{"name":"n","group":"g","kind":"k","uid":"u","retryAfterSeconds":2,
           "causes":[{"reason":"FieldValueInvalid","message":"bad","field":"spec.x"}]}}
        """#

    static let controllerRevision = #"""
        {"apiVersion":"apps/v1","kind":"ControllerRevision","metadata":\#(metadata),
         "data":{"spec":{"template":{"$patch":"replace"}}},"revision":7}
        """#

    static let deleteOptions = #"""
        {"apiVersion":"v1","kind":"DeleteOptions","propagationPolicy":"Foreground",
         "preconditions":{"uid":"u","resourceVersion":"1"},"gracePeriodSeconds":0,"dryRun":["All"]}
        """#

    static let partialObjectMetadata = #"""
        {"apiVersion":"meta.k8s.io/v1","kind":"PartialObjectMetadata","metadata":\#(metadata)}
        """#

    static let nodeList = #"""
        {"apiVersion":"v1","kind":"NodeList","metadata":{"resourceVersion":"100","continue":"tok","remainingItemCount":1},
         "items":[\#(node),{"apiVersion":"v1","kind":"Node","metadata":{"name":"cpu-1"}}]}
        """#
}
