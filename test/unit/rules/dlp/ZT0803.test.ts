import { wildcardServiceEntryHost } from '../../../../src/rules/dlp/wildcardServiceEntryHost';
import { ruleTester } from '../../../helpers/ruleTester';

const entry = (hosts: string, location = 'MESH_EXTERNAL') => `apiVersion: networking.istio.io/v1
kind: ServiceEntry
metadata: {name: payments-api, namespace: payments}
spec:
  hosts:
${hosts}  location: ${location}
  ports: [{number: 443, name: https, protocol: TLS}]
  resolution: DNS
`;

ruleTester(wildcardServiceEntryHost, {
  valid: [entry('    - api.stripe.com\n'), { name: 'internal entries are not egress', code: entry('    - "*.shop.internal"\n', 'MESH_INTERNAL') }],
  invalid: [
    {
      code: entry('    - api.stripe.com\n    - "*.amazonaws.com"\n    - "*"\n'),
      errors: [
        {
          line: 7,
          column: 7,
          endColumn: 24,
          message: "host '*.amazonaws.com' allows every subdomain of amazonaws.com; list the exact hosts the workloads call",
        },
        { line: 8, column: 7, message: /opens egress to a whole top-level domain or to any host/ },
      ],
    },
  ],
});
