// A namespace-wide PeerAuthentication that lets plaintext in (ZT0201 fires), for the suppression rules' tables.
export const permissive = (metadata = '', beforeMtls = '') => `apiVersion: security.istio.io/v1
kind: PeerAuthentication
metadata:
  name: default
  namespace: legacy
${metadata}spec:
${beforeMtls}  mtls:
    mode: PERMISSIVE
`;
