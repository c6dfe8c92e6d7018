import { runAsRoot } from '../../../../src/rules/rbac/runAsRoot';
import { ruleTester } from '../../../helpers/ruleTester';
import { deployment } from './fixtures';

ruleTester(runAsRoot, {
  valid: [
    deployment('      securityContext: {runAsNonRoot: true}\n      containers: [{name: app}]\n'),
    { name: 'every container has a non-root user', code: deployment('      containers:\n      - name: app\n        securityContext: {runAsUser: 1000}\n') },
  ],
  invalid: [
    {
      name: 'nothing set: the fix adds the pod-level flag',
      code: deployment('      containers:\n      - name: app\n        image: agent:1\n'),
      errors: [
        { line: 3, column: 18, endColumn: 23, message: 'pods of Deployment agent may run as root; set securityContext.runAsNonRoot: true in the pod spec' },
      ],
      output: deployment('      containers:\n      - name: app\n        image: agent:1\n      securityContext:\n        runAsNonRoot: true\n'),
    },
    {
      name: 'a container that asks for root',
      code: deployment('      securityContext: {runAsNonRoot: true}\n      containers:\n      - name: app\n        securityContext: {runAsUser: 0}\n'),
      errors: [{ line: 10, column: 38, message: /container app explicitly runs as root/ }],
    },
  ],
});
