import { privilegeEscalationAllowed } from '../../../../src/rules/rbac/privilegeEscalationAllowed';
import { ruleTester } from '../../../helpers/ruleTester';
import { deployment } from './fixtures';

ruleTester(privilegeEscalationAllowed, {
  valid: [
    deployment('      containers:\n      - name: app\n        securityContext: {allowPrivilegeEscalation: false}\n'),
    {
      name: 'not a Kubernetes workload (Deployment of another API group)',
      code: 'apiVersion: example.com/v1\nkind: Deployment\nmetadata: {name: x}\nspec: {template: {spec: {containers: [{name: app}]}}}\n',
    },
  ],
  invalid: [
    {
      name: 'missing (comment kept) and explicit true',
      code: deployment(
        '      containers:\n      - name: app # the api\n        image: shop:1.2\n      initContainers:\n      - name: setup\n        securityContext: {allowPrivilegeEscalation: true}\n',
      ),
      errors: [
        {
          line: 8,
          column: 15,
          endColumn: 18,
          message: 'container app does not set allowPrivilegeEscalation: false; set securityContext.allowPrivilegeEscalation: false',
        },
        {
          line: 12,
          column: 53,
          endColumn: 57,
          message: 'container setup sets allowPrivilegeEscalation: true; set securityContext.allowPrivilegeEscalation: false',
        },
      ],
      output: deployment(
        '      containers:\n      - name: app # the api\n        image: shop:1.2\n        securityContext:\n          allowPrivilegeEscalation: false\n      initContainers:\n      - name: setup\n        securityContext: {allowPrivilegeEscalation: false}\n',
      ),
    },
    {
      name: 'a bare Pod',
      code: 'apiVersion: v1\nkind: Pod\nmetadata: {name: debug}\nspec:\n  containers:\n  - name: sh\n    securityContext:\n      runAsNonRoot: true\n',
      errors: [{ line: 6, column: 11, message: /^container sh does not set allowPrivilegeEscalation: false/ }],
      output:
        'apiVersion: v1\nkind: Pod\nmetadata: {name: debug}\nspec:\n  containers:\n  - name: sh\n    securityContext:\n      runAsNonRoot: true\n      allowPrivilegeEscalation: false\n',
    },
  ],
});
