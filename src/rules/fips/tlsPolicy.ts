// What counts as a weak or non-FIPS TLS setting: protocol versions, cipher suites and ECDH curves.

/** Istio's TLSProtocol values, lowest first; TLS_AUTO means Envoy's default (TLS 1.2 minimum for servers). */
export const TLS_VERSIONS = ['TLSV1_0', 'TLSV1_1', 'TLSV1_2', 'TLSV1_3'];

export function isBelowTls12(version: unknown): boolean {
  return version === 'TLSV1_0' || version === 'TLSV1_1';
}

/** Broken whatever the compliance regime: export grade, NULL, anonymous, RC4, DES/3DES, MD5. */
const BROKEN = /(^|[-_])(NULL|EXPORT|EXP|RC4|DES|3DES|DES-CBC3|MD5|ANON|ADH|AECDH)([-_]|$)|DES_EDE|DES-CBC/;

/**
 * FIPS 140 approved for TLS 1.2 as FIPS builds of Envoy (BoringSSL FIPS) offer them: ECDHE key
 * exchange with AES-GCM. ChaCha20-Poly1305 and CBC-mode SHA-1 suites are not approved.
 */
const FIPS_APPROVED = /^(TLS_)?ECDHE[-_](ECDSA|RSA)[-_](WITH[-_])?AES[-_]?(128|256)[-_]GCM[-_]SHA(256|384)$/;

export type CipherVerdict = 'ok' | 'broken' | 'not-fips';

/** Accepts Envoy/OpenSSL names (ECDHE-RSA-AES128-GCM-SHA256) and IANA names (TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256). */
export function judgeCipher(name: string, fips: boolean): CipherVerdict {
  const upper = name.trim().toUpperCase();
  if (BROKEN.test(upper)) return 'broken';
  if (fips && !FIPS_APPROVED.test(upper)) return 'not-fips';
  return 'ok';
}

/** X25519 is not a NIST curve, so FIPS mode allows only the P-curves. */
export function isFipsCurve(name: string): boolean {
  return /^(P-?(256|384|521)|CURVEP(256|384|521)|SECP(256R1|384R1|521R1)|PRIME256V1)$/i.test(name.trim());
}
