import { serviceEntryExportedEverywhere } from '../../../../src/rules/dlp/serviceEntryExportedEverywhere';
import { ruleTester } from '../../../helpers/ruleTester';

const entry = (extra: string) => `apiVersion: networking.istio.io/v1
kind: ServiceEntry
metadata:
  name: stripe
  namespace: payments
spec:
  hosts: [api.stripe.com]
  ports: [{number: 443, name: tls, protocol: TLS}]
  resolution: DNS
${extra}`;

ruleTester(serviceEntryExportedEverywhere, {
  valid: [entry('  exportTo: ["."]\n'), { name: 'mesh-internal entries', code: entry('  location: MESH_INTERNAL\n') }],
  invalid: [
    {
      name: 'no exportTo',
      code: entry(''),
      errors: [{ line: 4, column: 9, endColumn: 15, message: /has no exportTo, so every namespace may reach its hosts/ }],
      output: entry('  exportTo:\n    - .\n'),
    },
    {
      name: 'exported to "*"',
      code: entry('  exportTo: ["*"]\n'),
      errors: [
        {
          line: 10,
          column: 14,
          endColumn: 17,
          message: 'exportTo "*" lets every namespace reach these external hosts; export to "." and the namespaces that need them',
        },
      ],
      output: entry('  exportTo: ["."]\n'),
    },
  ],
});
