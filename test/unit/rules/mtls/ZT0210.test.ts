import { linkerdProxyOptOut } from '../../../../src/rules/mtls/linkerdProxyOptOut';
import { ruleTester } from '../../../helpers/ruleTester';

const meshed = { '/virtual/ns.yaml': 'apiVersion: v1\nkind: Namespace\nmetadata:\n  name: shop\n  annotations: {linkerd.io/inject: enabled}\n' };
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

ruleTester(linkerdProxyOptOut, {
  valid: [
    { name: 'not a meshed namespace', code: deployment('        linkerd.io/inject: disabled\n        config.linkerd.io/skip-inbound-ports: "25"\n') },
    { name: 'meshed and injected', code: deployment('        config.linkerd.io/opaque-ports: "5432"\n'), files: meshed },
  ],
  invalid: [
    {
      name: 'opt-out in a meshed namespace, comment kept',
      code: deployment('        linkerd.io/inject: disabled # batch job\n'),
      files: meshed,
      errors: [
        {
          line: 8,
          column: 28,
          endColumn: 36,
          message:
            'pods of Deployment web opt out of the Linkerd proxy in meshed namespace shop, so their traffic has no mTLS and no identity; set linkerd.io/inject: enabled (or remove it)',
        },
      ],
      output: deployment('        linkerd.io/inject: enabled # batch job\n'),
    },
    {
      name: 'skipped ports of a workload that injects itself',
      code: deployment(
        '        linkerd.io/inject: enabled\n        config.linkerd.io/skip-inbound-ports: "4190,9090"\n        config.linkerd.io/skip-outbound-ports: "3306"\n',
      ),
      errors: [
        {
          line: 9,
          column: 47,
          endColumn: 58,
          message:
            'pods of Deployment web let inbound connections to port 4190,9090 bypass the Linkerd proxy (no mTLS, no policy); remove config.linkerd.io/skip-inbound-ports unless the protocol cannot be proxied',
        },
        { line: 10, column: 48, message: /^pods of Deployment web let outbound connections to port 3306 bypass the Linkerd proxy/ },
      ],
    },
  ],
});
