import { serviceExternalIps } from '../../../../src/rules/sources/serviceExternalIps';
import { ruleTester } from '../../../helpers/ruleTester';

const svc = (spec: string) => `apiVersion: v1\nkind: Service\nmetadata: {name: web, namespace: shop}\nspec:\n${spec}`;

ruleTester(serviceExternalIps, {
  valid: [svc('  ports: [{port: 80}]\n'), svc('  externalIPs: []\n  ports: [{port: 80}]\n')],
  invalid: [
    {
      name: 'the whole key goes, the other fields and comments stay',
      code: svc('  ports: [{port: 80}] # http\n  externalIPs:\n  - 198.51.100.7\n  - 10.0.0.53\n'),
      errors: [
        {
          line: 6,
          column: 3,
          endColumn: 14,
          message:
            'Service web claims external IP 198.51.100.7, 10.0.0.53 on every node, which intercepts traffic to those addresses; remove externalIPs and expose it through a LoadBalancer or a gateway',
        },
      ],
      output: svc('  ports: [{port: 80}] # http\n'),
    },
  ],
});
