import { nodePortService } from '../../../../src/rules/sources/nodePortService';
import { ruleTester } from '../../../helpers/ruleTester';

const svc = (spec: string) => `apiVersion: v1\nkind: Service\nmetadata: {name: web, namespace: shop}\nspec:\n${spec}`;

ruleTester(nodePortService, {
  valid: [
    svc('  type: ClusterIP\n  ports: [{port: 80}]\n'),
    svc('  ports: [{port: 80}]\n'),
    { name: 'a Service of another API group', code: 'apiVersion: example.com/v1\nkind: Service\nmetadata: {name: web}\nspec: {type: NodePort}\n' },
  ],
  invalid: [
    {
      name: 'allocated node ports: type becomes ClusterIP, comment kept',
      code: svc('  type: NodePort # for the demo\n  ports: [{port: 80}]\n'),
      errors: [
        {
          line: 5,
          column: 9,
          endColumn: 17,
          message:
            "Service web opens a node port for each of its ports on every node's address, outside the gateway; use type ClusterIP behind an ingress gateway (or a LoadBalancer with loadBalancerSourceRanges)",
        },
      ],
      output: svc('  type: ClusterIP # for the demo\n  ports: [{port: 80}]\n'),
    },
    {
      name: 'fixed node ports: no fix (ClusterIP would reject them)',
      code: svc('  type: "NodePort"\n  ports:\n  - {port: 80, nodePort: 30080}\n  - {port: 443, nodePort: 30443}\n'),
      errors: [{ line: 5, column: 9, endColumn: 19, message: /^Service web opens node port 30080, 30443 on every node's address/ }],
    },
  ],
});
