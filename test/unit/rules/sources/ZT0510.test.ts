import { hostPortBinding } from '../../../../src/rules/sources/hostPortBinding';
import { ruleTester } from '../../../helpers/ruleTester';

const deployment = (containers: string) =>
  `apiVersion: apps/v1\nkind: DaemonSet\nmetadata: {name: agent, namespace: ops}\nspec:\n  template:\n    spec:\n      containers:\n${containers}`;

ruleTester(hostPortBinding, {
  valid: [deployment('      - name: app\n        ports: [{containerPort: 8080}, {containerPort: 9090, hostPort: 0}]\n')],
  invalid: [
    {
      code: deployment(
        '      - name: app\n        ports:\n        - containerPort: 8080\n          hostPort: 80\n      - name: metrics\n        ports: [{containerPort: 9100, hostPort: 9100}]\n',
      ),
      errors: [
        {
          line: 11,
          column: 21,
          endColumn: 23,
          message:
            "container app of DaemonSet agent listens on port 80 of its node's address, outside Services and the gateway; remove hostPort and expose it through a Service",
        },
        { line: 13, column: 49, endColumn: 53, message: /^container metrics of DaemonSet agent listens on port 9100/ },
      ],
    },
  ],
});
