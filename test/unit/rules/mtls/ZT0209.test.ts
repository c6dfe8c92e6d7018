import { trafficCaptureExclusion } from '../../../../src/rules/mtls/trafficCaptureExclusion';
import { ruleTester } from '../../../helpers/ruleTester';

const deployment = (annotations: string) => `apiVersion: apps/v1
kind: Deployment
metadata: {name: web, namespace: shop}
spec:
  template:
    metadata:
      annotations:
${annotations}    spec:
      containers: [{name: app, image: shop/web:1.4.2}]
`;

ruleTester(trafficCaptureExclusion, {
  valid: [
    deployment('        traffic.sidecar.istio.io/includeInboundPorts: "*"\n'),
    deployment('        traffic.sidecar.istio.io/excludeOutboundPorts: ""\n'),
    {
      name: 'on the Deployment, not its pods: Istio ignores it',
      code: deployment('        a: b\n').replace(
        'metadata: {name: web, namespace: shop}',
        'metadata:\n  name: web\n  namespace: shop\n  annotations: {traffic.sidecar.istio.io/excludeInboundPorts: "8080"}',
      ),
    },
  ],
  invalid: [
    {
      code: deployment(
        '        traffic.sidecar.istio.io/excludeInboundPorts: "9090,9091"\n        traffic.sidecar.istio.io/excludeOutboundPorts: "5432"\n        traffic.sidecar.istio.io/excludeOutboundIPRanges: 10.0.0.0/8\n',
      ),
      errors: [
        {
          line: 8,
          column: 55,
          endColumn: 66,
          message:
            'pods of Deployment web let inbound connections to port 9090,9091 bypass the sidecar (no mTLS, no authorization policy); remove traffic.sidecar.istio.io/excludeInboundPorts and give that traffic a mesh route',
        },
        { line: 9, column: 56, message: /^pods of Deployment web let outbound connections to port 5432 bypass the sidecar/ },
        { line: 10, column: 59, message: /^pods of Deployment web let outbound connections to 10.0.0.0\/8 bypass the sidecar/ },
      ],
    },
  ],
});
