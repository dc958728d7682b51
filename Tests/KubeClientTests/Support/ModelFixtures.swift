/// JSON documents that set every field of the wire models, for the decoder and encoder round trips.
///
/// Each document holds only modeled fields, in the form the model writes them back, so decoding and
/// re-encoding must give the same tree. Doubles carry a fraction (an integral double re-encodes as
/// an integer, as `JSONEncoder` text parsed back would).
enum ModelFixtures {
    static let metadata = #"""
        {"name":"gpu-1","generateName":"gpu-","namespace":"gpu-operator","uid":"0c1d","resourceVersion":"42",
         "generation":3,"creationTimestamp":"2026-01-02T03:04:05Z","deletionTimestamp":"2026-01-03T03:04:05Z",
         "deletionGracePeriodSeconds":30,"labels":{"a":"1","nvidia.com/gpu.present":"true"},
         "annotations":{"note":"line\nbreak \"quoted\" \u00e9"},
         "ownerReferences":[{"apiVersion":"nvidia.com/v1","kind":"ClusterPolicy","name":"cluster-policy","uid":"u1",
           "controller":true,"blockOwnerDeletion":false}],
         "finalizers":["x/y"],"managedFields":[{"manager":"kubectl","fieldsV1":{"f:metadata":{}},"n":1.5,"z":null}]}
        """#

    static let node = #"""
        {"apiVersion":"v1","kind":"Node","metadata":\#(metadata),
         "spec":{"podCIDR":"10.0.0.0/24","podCIDRs":["10.0.0.0/24"],"providerID":"aws:///i-1","unschedulable":true,
           "taints":[{"key":"nvidia.com/gpu","value":"present","effect":"NoSchedule","timeAdded":"2026-01-01T00:00:00Z"}]},
         "status":{"capacity":{"cpu":"8","nvidia.com/gpu":"4"},"allocatable":{"cpu":"7500m"},
           "conditions":[{"type":"Ready","status":"True","lastHeartbeatTime":"t1","lastTransitionTime":"t2",
             "reason":"KubeletReady","message":"ok"}],
           "addresses":[{"type":"InternalIP","address":"10.0.0.1"}],
           "nodeInfo":{"machineID":"m","systemUUID":"s","bootID":"b","kernelVersion":"5.15.0","osImage":"Ubuntu 22.04",
             "containerRuntimeVersion":"containerd://1.7","kubeletVersion":"v1.32.0","kubeProxyVersion":"v1.32.0",
             "operatingSystem":"linux","architecture":"amd64"},
           "phase":"Running"}}
        """#

    static let probe = #"""
        {"exec":{"command":["true"]},"httpGet":{"path":"/healthz","port":"http","host":"h","scheme":"HTTP"},
         "tcpSocket":{"port":8080,"host":"t"},"initialDelaySeconds":1,"timeoutSeconds":2,"periodSeconds":3,
         "successThreshold":1,"failureThreshold":5}
        """#

    static let container = #"""
        {"name":"driver","image":"nvcr.io/nvidia/driver:550","imagePullPolicy":"IfNotPresent","command":["sh"],
         "args":["-c","run"],"workingDir":"/w",
         "env":[{"name":"A","value":"1"},{"name":"B","valueFrom":{"fieldRef":{"apiVersion":"v1","fieldPath":"spec.nodeName"},
           "configMapKeyRef":{"name":"cm","key":"k","optional":true},"secretKeyRef":{"name":"s","key":"k"},
           "resourceFieldRef":{"resource":"limits.cpu","divisor":"1m"}}}],
         "envFrom":[{"prefix":"P_","configMapRef":{"name":"cm","optional":false},"secretRef":{"name":"sec"}}],
         "ports":[{"name":"metrics","containerPort":9400,"hostPort":9400,"protocol":"TCP"}],
         "resources":{"limits":{"cpu":1,"memory":"128Mi"},"requests":{"cpu":"500m"}},
         "volumeMounts":[{"name":"run","mountPath":"/run","subPath":"x","readOnly":true,"mountPropagation":"HostToContainer"}],
         "securityContext":{"privileged":true,"runAsUser":0,"runAsGroup":0,"runAsNonRoot":false,"readOnlyRootFilesystem":true,
           "allowPrivilegeEscalation":false,"capabilities":{"add":["SYS_ADMIN"],"drop":["ALL"]},
           "seLinuxOptions":{"level":"s0"},"seccompProfile":{"type":"RuntimeDefault"}},
         "startupProbe":\#(probe),"livenessProbe":\#(probe),"readinessProbe":\#(probe),
         "lifecycle":{"postStart":{"exec":{"command":["a"]}},"preStop":{"httpGet":{"port":80}}},
         "terminationMessagePath":"/dev/termination-log","terminationMessagePolicy":"File"}
        """#

    static let podSpec = #"""
        {"initContainers":[\#(container)],"containers":[\#(container),{"name":"minimal"}],
         "volumes":[{"name":"h","hostPath":{"path":"/run/nvidia","type":"DirectoryOrCreate"}},
           {"name":"c","configMap":{"name":"cm","items":[{"key":"k","path":"p","mode":420}],"defaultMode":493,"optional":true}},
           {"name":"s","secret":{"secretName":"sec","items":[{"key":"k","path":"p"}],"defaultMode":256,"optional":false}},
           {"name":"e","emptyDir":{"medium":"Memory","sizeLimit":"1Gi"}},{"name":"p","projected":{"sources":[]}}],
         "nodeSelector":{"nvidia.com/gpu.deploy.driver":"true"},"nodeName":"gpu-1","serviceAccountName":"sa",
         "serviceAccount":"sa","automountServiceAccountToken":false,"hostNetwork":true,"hostPID":true,"hostIPC":false,
         "shareProcessNamespace":false,"dnsPolicy":"ClusterFirst","priorityClassName":"system-node-critical",
         "runtimeClassName":"nvidia","restartPolicy":"Always","terminationGracePeriodSeconds":60,
         "tolerations":[{"key":"nvidia.com/gpu","operator":"Exists","value":"v","effect":"NoSchedule","tolerationSeconds":300}],
         "affinity":{"nodeAffinity":{}},"securityContext":{"fsGroup":2000},"imagePullSecrets":[{"name":"pull"}]}
        """#

    static let daemonSet = #"""
        {"apiVersion":"apps/v1","kind":"DaemonSet","metadata":\#(metadata),
         "spec":{"selector":{"matchLabels":{"app":"driver"},"matchExpressions":[{"key":"k","operator":"In","values":["a"]}]},
           "template":{"metadata":{"labels":{"app":"driver"}},"spec":\#(podSpec)},
           "updateStrategy":{"type":"RollingUpdate","rollingUpdate":{"maxUnavailable":"25%","maxSurge":0}},
           "minReadySeconds":5,"revisionHistoryLimit":10},
         "status":{"currentNumberScheduled":3,"numberMisscheduled":0,"desiredNumberScheduled":3,"numberReady":2,
           "observedGeneration":3,"updatedNumberScheduled":3,"numberAvailable":2,"numberUnavailable":1,"collisionCount":0}}
        """#

    static let pod = #"""
        {"apiVersion":"v1","kind":"Pod","metadata":\#(metadata),"spec":\#(podSpec),
         "status":{"phase":"Running","conditions":[{"type":"Ready","status":"True","reason":"r","message":"m",
           "lastTransitionTime":"t"}],
           "initContainerStatuses":[{"name":"init","ready":true,"restartCount":0,"image":"i","imageID":"sha","started":false,
             "state":{"terminated":{"reason":"Completed","exitCode":0,"startedAt":"t"}}}],
           "containerStatuses":[{"name":"driver","ready":false,"state":{"waiting":{"reason":"CrashLoopBackOff","message":"m"},
             "running":{"startedAt":"t"}}}],
           "hostIP":"10.0.0.1","podIP":"10.1.0.1","startTime":"t","reason":"r","message":"m"}}
        """#
}
