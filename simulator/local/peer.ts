// The peer identity of a verified TLS session: SPIFFE ID from the certificate's URI SAN, as Istio reads it.
import type { TLSSocket } from 'node:tls';

export interface PeerIdentity {
  spiffeId: string;
  /** Istio's source.principal: the SPIFFE ID without its scheme (trustDomain/ns/x/sa/y). */
  principal: string;
  namespace?: string;
  /** SHA-256 of the DER certificate, hex, as Envoy writes it in XFCC's Hash field. */
  certHash: string;
}

/** The X-Forwarded-Client-Cert value Envoy's SANITIZE_SET writes for `peer`, received by `by`. */
export function xfccFor(peer: PeerIdentity, by: string): string {
  return `By=${by};Hash=${peer.certHash};Subject="";URI=${peer.spiffeId}`;
}

/** First URI SAN of a subjectAltName string such as `URI:spiffe://cluster.local/ns/a/sa/b, DNS:x`. */
export function spiffeIdFromSan(subjectAltName: string | undefined): string | undefined {
  for (const part of (subjectAltName ?? '').split(/,\s*/)) {
    if (part.startsWith('URI:spiffe://')) return part.slice(4);
  }
  return undefined;
}

/**
 * The verified peer of `tls`, from its certificate. Read through getPeerCertificate(), whose subjectaltname and
 * fingerprint256 are all this needs: cheaper than getPeerX509Certificate() on every new mTLS connection.
 */
export function peerIdentity(tls: TLSSocket): PeerIdentity | undefined {
  const cert = tls.getPeerCertificate();
  // An empty object when the peer sent no certificate.
  const spiffeId = cert?.raw ? spiffeIdFromSan(cert.subjectaltname) : undefined;
  if (!spiffeId) return undefined;
  const principal = spiffeId.slice('spiffe://'.length);
  const namespace = /\/ns\/([^/]+)\//.exec(principal)?.[1];
  const certHash = cert.fingerprint256.replace(/:/g, '').toLowerCase();
  return { spiffeId, principal, namespace, certHash };
}
