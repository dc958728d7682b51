import Crypto
import Foundation
import SwiftASN1
import X509

/// The TLS material a KubeSim server generates at start: a self-signed CA, a server certificate
/// for `127.0.0.1`/`localhost` signed by it, and a client certificate (`CN=kubesim-admin`,
/// `O=system:masters`) for the kubeconfig. Everything is P-256 ECDSA, PEM-encoded, in memory only.
package struct Credentials: Sendable {
    /// The CA certificate (PEM).
    package var caPEM: String
    /// The server certificate (PEM).
    package var serverCertificatePEM: String
    /// The server key (PKCS#8 PEM).
    package var serverKeyPEM: String
    /// The client certificate (PEM).
    package var clientCertificatePEM: String
    /// The client key (PKCS#8 PEM).
    package var clientKeyPEM: String

    /// The user name of the generated client certificate.
    package static let clientUser = "kubesim-admin"

    /// Generates a fresh CA, server and client certificate.
    /// - Parameter now: the validity start (certificates are valid from an hour before for a year).
    /// - Throws: ``KubeSimError`` when signing or encoding fails.
    package static func generate(now: Date = Date()) throws(KubeSimError) -> Credentials {
        do {
            let start = now.addingTimeInterval(-3600)
            let end = now.addingTimeInterval(365 * 24 * 3600)
            let caKey = P256.Signing.PrivateKey()
            let caName = try DistinguishedName {
                OrganizationName("kubesim")
                CommonName("kubesim-ca")
            }
            let ca = try Certificate(
                version: .v3, serialNumber: Certificate.SerialNumber(), publicKey: .init(caKey.publicKey),
                notValidBefore: start, notValidAfter: end, issuer: caName, subject: caName,
                signatureAlgorithm: .ecdsaWithSHA256,
                extensions: try Certificate.Extensions {
                    Critical(BasicConstraints.isCertificateAuthority(maxPathLength: nil))
                    Critical(KeyUsage(digitalSignature: true, keyCertSign: true, cRLSign: true))
                    SubjectKeyIdentifier(hash: .init(caKey.publicKey))
                },
                issuerPrivateKey: .init(caKey))

            let serverKey = P256.Signing.PrivateKey()
            let server = try Certificate(
                version: .v3, serialNumber: Certificate.SerialNumber(), publicKey: .init(serverKey.publicKey),
                notValidBefore: start, notValidAfter: end, issuer: caName,
                subject: try DistinguishedName { CommonName("kube-apiserver") },
                signatureAlgorithm: .ecdsaWithSHA256,
                extensions: try Certificate.Extensions {
                    Critical(BasicConstraints.notCertificateAuthority)
                    Critical(KeyUsage(digitalSignature: true, keyEncipherment: true))
                    try ExtendedKeyUsage([.serverAuth])
                    SubjectAlternativeNames([
                        .dnsName("localhost"), .dnsName("kubernetes"), .dnsName("kubernetes.default"),
                        .ipAddress(ASN1OctetString(contentBytes: [127, 0, 0, 1])),
                        .ipAddress(ASN1OctetString(contentBytes: Array(repeating: 0, count: 15) + [1])),
                    ])
                },
                issuerPrivateKey: .init(caKey))

            let clientKey = P256.Signing.PrivateKey()
            let client = try Certificate(
                version: .v3, serialNumber: Certificate.SerialNumber(), publicKey: .init(clientKey.publicKey),
                notValidBefore: start, notValidAfter: end, issuer: caName,
                subject: try DistinguishedName {
                    OrganizationName("system:masters")
                    CommonName(clientUser)
                },
                signatureAlgorithm: .ecdsaWithSHA256,
                extensions: try Certificate.Extensions {
                    Critical(BasicConstraints.notCertificateAuthority)
                    Critical(KeyUsage(digitalSignature: true, keyEncipherment: true))
                    try ExtendedKeyUsage([.clientAuth])
                },
                issuerPrivateKey: .init(caKey))

            return Credentials(
                caPEM: try ca.serializeAsPEM().pemString,
                serverCertificatePEM: try server.serializeAsPEM().pemString,
                serverKeyPEM: serverKey.pemRepresentation,
                clientCertificatePEM: try client.serializeAsPEM().pemString,
                clientKeyPEM: clientKey.pemRepresentation)
        } catch {
            throw KubeSimError(.credentials, "generating TLS certificates failed", underlying: error)
        }
    }
}
