import Testing
import Validation

@Suite("Validator configuration from upstream's environment")
struct ValidationConfigTests {
    @Test("defaults match upstream: no wait, 5 s interval, workload on, /run/nvidia/validations, single MIG strategy")
    func defaults() throws {
        let config = try ValidationConfig(environment: ["COMPONENT": "toolkit"])
        #expect(config.component == .toolkit)
        #expect(config.withWait == false)
        #expect(config.sleepInterval == .seconds(5))
        #expect(config.withWorkload == true)
        #expect(config.outputDirectory == "/run/nvidia/validations")
        #expect(config.hostRoot == "/")
        #expect(config.driverInstallDirectory == "/run/nvidia/driver")
        #expect(config.driverInstallDirectoryMount == "/run/nvidia/driver")
        #expect(config.migStrategy == "single")
        #expect(config.disableDevCharSymlinks == false)
        #expect(config.skipGPUInit == false)
    }

    @Test("every upstream variable is read")
    func everyVariable() throws {
        let config = try ValidationConfig(environment: [
            "COMPONENT": "plugin", "WITH_WAIT": "true", "SLEEP_INTERVAL_SECONDS": "2", "WITH_WORKLOAD": "false", "OUTPUT_DIR": "/out",
            "NODE_NAME": "n1", "OPERATOR_NAMESPACE": "ns", "HOST_ROOT": "/hostroot", "DRIVER_INSTALL_DIR": "/d", "DRIVER_INSTALL_DIR_CTR_PATH": "/dc",
            "MIG_STRATEGY": "mixed", "DISABLE_DEV_CHAR_SYMLINK_CREATION": "true", "DRIVER_VALIDATION_SKIP_GPU_INIT": "true",
        ])
        #expect(config.component == .plugin)
        #expect(config.withWait && !config.withWorkload && config.disableDevCharSymlinks && config.skipGPUInit)
        #expect(config.sleepInterval == .seconds(2))
        #expect([config.outputDirectory, config.nodeName, config.namespace, config.hostRoot] == ["/out", "n1", "ns", "/hostroot"])
        #expect([config.driverInstallDirectory, config.driverInstallDirectoryMount, config.migStrategy] == ["/d", "/dc", "mixed"])
    }

    @Test("a component given on the command line wins over COMPONENT")
    func commandLineComponent() throws {
        let config = try ValidationConfig(environment: ["COMPONENT": "driver"], component: .toolkit)
        #expect(config.component == .toolkit)
    }

    @Test("missing or unknown component, bad flags and cluster checks without a node are configuration errors")
    func errors() {
        #expect(throws: ValidationError.self) { try ValidationConfig(environment: [:]) }
        #expect(throws: ValidationError.configuration("unknown COMPONENT \"gpu\"")) { try ValidationConfig(environment: ["COMPONENT": "gpu"]) }
        #expect(throws: ValidationError.self) { try ValidationConfig(environment: ["COMPONENT": "driver", "WITH_WAIT": "maybe"]) }
        #expect(throws: ValidationError.configuration("NODE_NAME must be set for the plugin check")) {
            try ValidationConfig(environment: ["COMPONENT": "plugin", "OPERATOR_NAMESPACE": "ns"])
        }
    }
}
