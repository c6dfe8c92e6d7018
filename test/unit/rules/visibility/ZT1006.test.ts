import { eastWestGatewayMissing } from '../../../../src/rules/visibility/eastWestGatewayMissing';
import { ruleTester } from '../../../helpers/ruleTester';
import { TWO_NETWORKS } from './clusters';

const eastRoot = `apiVersion: v1
kind: Namespace
metadata:
  name: istio-system
  labels: {topology.istio.io/network: net-east}
`;

const eastWest = (mode: string) => `apiVersion: networking.istio.io/v1
kind: Gateway
metadata: {name: cross-network-gateway, namespace: istio-system}
spec:
  selector: {istio: eastwestgateway}
  servers:
    - port: {number: 15443, name: tls, protocol: TLS}
      tls: {mode: ${mode}}
      hosts: ["*.local"]
`;

const west = { '/virtual/west/gateway.yaml': eastWest('AUTO_PASSTHROUGH') };

ruleTester(eastWestGatewayMissing, {
  valid: [
    { code: `${eastRoot}---\n${eastWest('AUTO_PASSTHROUGH')}`, config: { clusters: TWO_NETWORKS }, files: west },
    { name: 'one network: no east-west gateway needed', code: eastRoot },
  ],
  invalid: [
    {
      name: 'east has none: the cross-network Gateway is appended',
      code: eastRoot,
      config: { clusters: TWO_NETWORKS },
      files: west,
      errors: [
        {
          line: 4,
          column: 9,
          endColumn: 21,
          message:
            'cluster east (network net-east) has no east-west gateway; expose its services on port 15443 with an AUTO_PASSTHROUGH Gateway in istio-system',
        },
      ],
      output: `${eastRoot}---
apiVersion: networking.istio.io/v1
kind: Gateway
metadata:
  name: cross-network-gateway
  namespace: istio-system
spec:
  selector:
    istio: eastwestgateway
  servers:
    - port:
        number: 15443
        name: tls
        protocol: TLS
      tls:
        mode: AUTO_PASSTHROUGH
      hosts:
        - "*.local"
`,
    },
  ],
});
