import assert from 'node:assert/strict';
import { assertCleanRoundTrip, fixRoundTrip } from '../../../helpers/fixRoundTrip';

const fixture = `apiVersion: install.istio.io/v1alpha1
kind: IstioOperator
metadata: {name: control-plane, namespace: istio-system}
spec:
  meshConfig:
    accessLogFile: /dev/stdout
---
apiVersion: v1
kind: Namespace
metadata:
  name: shop
  labels: {istio-injection: enabled}
---
apiVersion: apps/v1
kind: Deployment
metadata: {name: cart, namespace: shop}
spec:
  selector: {matchLabels: {app: cart}}
  template:
    metadata: {labels: {app: cart}}
    spec:
      containers: [{name: cart, image: "registry.example.com/cart:1.4.2"}]
---
apiVersion: networking.istio.io/v1
kind: Sidecar
metadata: {name: default, namespace: shop}
spec:
  egress:
    - hosts: ["*/*"]
---
apiVersion: networking.istio.io/v1
kind: ServiceEntry
metadata: {name: stripe, namespace: shop}
spec:
  hosts: [api.stripe.com]
  ports: [{number: 443, name: tls, protocol: TLS}]
  resolution: DNS
`;

describe('pillar 08 fixes together (ztn lint --fix)', () => {
  it('closes egress in mesh config, Sidecar, ServiceEntry and NetworkPolicy', () => {
    const rt = fixRoundTrip(fixture);
    assertCleanRoundTrip(rt, ['ZT0801', 'ZT0802', 'ZT0806', 'ZT0808']);
    assert.match(rt.text, /outboundTrafficPolicy:\n      mode: REGISTRY_ONLY/);
    assert.match(rt.text, /hosts: \["\.\/\*"\]/);
    assert.match(rt.text, /name: egress-in-cluster-only/);
  });
});
