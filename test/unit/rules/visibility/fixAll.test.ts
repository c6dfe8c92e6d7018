import assert from 'node:assert/strict';
import { assertCleanRoundTrip, fixRoundTrip } from '../../../helpers/fixRoundTrip';
import { TWO_NETWORKS } from './clusters';

const east = `apiVersion: v1
kind: Namespace
metadata:
  name: istio-system
---
apiVersion: install.istio.io/v1alpha1
kind: IstioOperator
metadata: {name: east, namespace: istio-system}
spec:
  values:
    global:
      meshID: mesh-east
      network: net-east
---
apiVersion: telemetry.istio.io/v1
kind: Telemetry
metadata: {name: quiet, namespace: shop}
spec:
  tracing:
    - disableSpanReporting: true
`;

const westGateway = `apiVersion: networking.istio.io/v1
kind: Gateway
metadata: {name: cross-network-gateway, namespace: istio-system}
spec:
  selector: {istio: eastwestgateway}
  servers: [{port: {number: 15443, name: tls, protocol: TLS}, tls: {mode: AUTO_PASSTHROUGH}, hosts: ["*.local"]}]
`;

describe('pillar 10 fixes together (ztn lint --fix)', () => {
  it('labels the network, aligns meshID, adds logging and the east-west Gateway', () => {
    const rt = fixRoundTrip(east, { clusters: TWO_NETWORKS }, { '/virtual/west/gateway.yaml': westGateway });
    assertCleanRoundTrip(rt, ['ZT1001', 'ZT1002', 'ZT1003', 'ZT1004', 'ZT1006']);
    assert.match(rt.text, /topology.istio.io\/network: net-east/);
    assert.match(rt.text, /meshID: mesh1/);
    assert.match(rt.text, /name: cross-network-gateway/);
    assert.match(rt.text, /kind: Telemetry\nmetadata:\n  name: mesh-default/);
  });
});
