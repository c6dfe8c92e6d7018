import { serviceEntryAnyAddress } from '../../../../src/rules/dlp/serviceEntryAnyAddress';
import { ruleTester } from '../../../helpers/ruleTester';

const entry = (spec: string) => `apiVersion: networking.istio.io/v1
kind: ServiceEntry
metadata: {name: anything, namespace: shop}
spec:
  hosts: [db.partner.example]
  location: MESH_EXTERNAL
  resolution: NONE
${spec}`;

ruleTester(serviceEntryAnyAddress, {
  valid: [
    entry('  addresses: [203.0.113.0/24]\n  ports: [{number: 5432, name: tcp, protocol: TCP}]\n'),
    { name: 'TLS is matched by SNI', code: entry('  ports: [{number: 443, name: tls, protocol: TLS}]\n') },
  ],
  invalid: [
    {
      code: entry('  addresses:\n    - 0.0.0.0/0\n  ports: [{number: 5432, name: tcp, protocol: TCP}]\n'),
      errors: [
        { line: 9, column: 7, endColumn: 16, message: 'address 0.0.0.0/0 with resolution NONE forwards to any IP; list the external CIDRs the workloads need' },
      ],
    },
    {
      name: 'no addresses on a TCP port',
      code: entry('  ports: [{number: 5432, name: tcp, protocol: TCP}]\n'),
      errors: [{ line: 7, column: 15, endColumn: 19, message: /without addresses matches any IP on port 5432/ }],
    },
  ],
});
