import assert from 'node:assert/strict';
import { assertCleanRoundTrip, fixRoundTrip } from '../../../helpers/fixRoundTrip';
import { deployment } from './fixtures';

const fixture = `${deployment(
  '          envFrom:\n            - secretRef: {name: stripe, optional: true}\n',
  '      securityContext: {fsGroup: 2000}\n      volumes:\n        - name: db\n          secret: {secretName: db, defaultMode: 0644}\n        - name: vault\n          csi: {driver: secrets-store.csi.k8s.io, volumeAttributes: {secretProviderClass: cart}}\n',
  '      annotations:\n        vault.hashicorp.com/tls-skip-verify: "true"\n',
)}---
apiVersion: external-secrets.io/v1
kind: ExternalSecret
metadata: {name: stripe, namespace: shop}
spec:
  refreshInterval: "0"
  secretStoreRef: {name: vault, kind: ClusterSecretStore}
  target: {name: stripe}
`;

describe('pillar 09 fixes together (ztn lint --fix)', () => {
  it('fixes modes, optional refs, CSI read-only, refresh and Vault TLS in one pass set', () => {
    const rt = fixRoundTrip(fixture);
    assertCleanRoundTrip(rt, ['ZT0906', 'ZT0907', 'ZT0908', 'ZT0909', 'ZT0910']);
    assert.match(rt.text, /defaultMode: 0640/);
    assert.match(rt.text, /readOnly: true/);
    assert.match(rt.text, /refreshInterval: "1h"/);
  });
});
