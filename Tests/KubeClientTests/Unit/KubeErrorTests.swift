import KubeClient
import KubeModels
import Testing

@Suite("Status to KubeError")
struct KubeErrorTests {
    @Test(
        "Status reasons and codes map to typed reasons",
        arguments: [
            (404, "NotFound", KubeError.Reason.notFound),
            (409, "AlreadyExists", .alreadyExists),
            (409, "Conflict", .conflict),
            (422, "Invalid", .invalid),
            (410, "Expired", .gone),
            (410, "Gone", .gone),
            (403, "Forbidden", .forbidden),
            (401, "Unauthorized", .unauthorized),
            (429, "TooManyRequests", .tooManyRequests),
            (500, "InternalError", .serverError),
            (503, "ServiceUnavailable", .serverError),
            (504, "Timeout", .serverError),
            (400, "BadRequest", .badRequest),
            (415, "UnsupportedMediaType", .unsupportedMediaType),
            (418, "Teapot", .unexpectedStatus),
        ])
    func classification(code: Int, reason: String, expected: KubeError.Reason) {
        let body: JSONValue = [
            "kind": "Status", "apiVersion": "v1", "status": "Failure", "reason": .string(reason),
            "message": "m", "code": .int(Int64(code)),
        ]
        let error = KubeError(response: HTTPResponse(status: code, body: body.serialized()), request: "GET /x")
        #expect(error.reason == expected)
        #expect(error.code == code)
        #expect(error.status?.reason == reason)
    }

    @Test("Invalid carries the field causes into the message")
    func invalidCauses() {
        let body: JSONValue = [
            "kind": "Status", "status": "Failure", "reason": "Invalid", "code": 422,
            "message": "ClusterPolicy.nvidia.com \"p\" is invalid",
            "details": ["causes": [["reason": "FieldValueInvalid", "message": "Unsupported value: \"x\"", "field": "spec.driver.kind"]]],
        ]
        let error = KubeError(response: HTTPResponse(status: 422, body: body.serialized()), request: "PATCH /p")
        #expect(error.isInvalid)
        #expect(error.causes.map(\.field) == ["spec.driver.kind"])
        #expect(error.description.contains("spec.driver.kind: Unsupported value"))
        #expect(error.description.hasPrefix("PATCH /p: invalid (422)"))
    }

    @Test("a non-Status body becomes a synthesized Status")
    func plainBody() {
        let error = KubeError(response: HTTPResponse(status: 503, body: Array("upstream connect error\n".utf8)), request: nil)
        #expect(error.reason == .serverError)
        #expect(error.status?.reason == "ServiceUnavailable")
        #expect(error.message == "upstream connect error")
    }

    @Test("Retry-After comes from the header, else from details")
    func retryAfter() {
        let body: JSONValue = ["kind": "Status", "reason": "TooManyRequests", "code": 429, "details": ["retryAfterSeconds": 3]]
        let fromDetails = KubeError(response: HTTPResponse(status: 429, body: body.serialized()), request: nil)
        #expect(fromDetails.retryAfter == .seconds(3))
        let fromHeader = KubeError(
            response: HTTPResponse(status: 429, headers: ["retry-after": "7"], body: body.serialized()), request: nil)
        #expect(fromHeader.retryAfter == .seconds(7))
        #expect(KubeError.parseRetryAfter("0.5") == .milliseconds(500))
        #expect(KubeError.parseRetryAfter("Wed, 21 Oct 2015 07:28:00 GMT") == nil)
        #expect(KubeError.parseRetryAfter("-1") == nil)
    }

    @Test("a watch ERROR status maps like an HTTP answer")
    func watchErrorStatus() {
        let error = KubeError(status: Status(code: 410, reason: "Expired", message: "too old resource version: 1 (50)"), request: "WATCH")
        #expect(error.isGone)
        #expect(error.message == "too old resource version: 1 (50)")
    }

    @Test(
        "TLS failures are explained in terms of the configuration",
        arguments: [
            (60, 20 as Int?, "unable to get local issuer certificate"),
            (35, 1, "different CA with the same name"),
            (60, 62, "host name mismatch (see tls-server-name)"),
            (58, nil, "the client certificate or key could not be used"),
            (35, 0, "check the certificate authority, the client certificate and key"),
        ])
    func tlsExplanations(code: Int, verification: Int?, phrase: String) {
        let error = CurlError(kind: .transfer, code: code, message: "OpenSSL says no", certificateVerificationResult: verification)
        #expect(error.isTLSFailure)
        #expect(error.description.contains(phrase))
        #expect(error.description.contains("(libcurl: OpenSSL says no)"))
        #expect(CurlError(kind: .transfer, code: 7, message: "refused").explanation == nil)
    }
}
