import { egressWithoutGateway } from '../../../../src/rules/dlp/egressWithoutGateway';
import { ruleTester } from '../../../helpers/ruleTester';

const entry = `apiVersion: networking.istio.io/v1
kind: ServiceEntry
metadata:
  name: stripe
  namespace: payments
spec:
  hosts: [api.stripe.com]
  ports: [{number: 443, name: tls, protocol: TLS}]
  resolution: DNS
`;

const egressGateway = `apiVersion: networking.istio.io/v1
kind: Gateway
metadata: {name: egress, namespace: istio-system}
spec:
  selector: {istio: egressgateway}
  servers:
    - port: {number: 443, name: tls, protocol: TLS}
      hosts: [api.stripe.com]
      tls: {mode: PASSTHROUGH}
`;

const route = `apiVersion: networking.istio.io/v1
kind: VirtualService
metadata: {name: stripe-via-egress, namespace: payments}
spec:
  hosts: [api.stripe.com]
  gateways: [mesh, istio-system/egress]
  tls:
    - match: [{gateways: [mesh], port: 443, sniHosts: [api.stripe.com]}]
      route: [{destination: {host: istio-egressgateway.istio-system.svc.cluster.local, port: {number: 443}}}]
`;

ruleTester(egressWithoutGateway, {
  valid: [{ name: 'routed through the egress gateway', code: entry, files: { '/virtual/egress.yaml': `${egressGateway}---\n${route}` } }],
  invalid: [
    { name: 'no egress gateway at all', code: entry, errors: [{ line: 4, column: 9, endColumn: 15, message: /the workspace has no egress gateway/ }] },
    {
      name: 'gateway exists but the host is not routed through it',
      code: entry,
      files: { '/virtual/egress.yaml': egressGateway },
      errors: [{ line: 4, message: 'traffic to api.stripe.com leaves directly from the sidecars; route it through the egress gateway with a VirtualService' }],
    },
  ],
});
