import { hostNamespaces } from '../../../../src/rules/rbac/hostNamespaces';
import { ruleTester } from '../../../helpers/ruleTester';
import { deployment } from './fixtures';

ruleTester(hostNamespaces, {
  valid: [deployment('      hostNetwork: false\n      containers: [{name: app}]\n')],
  invalid: [
    {
      code: deployment('      hostNetwork: true\n      hostPID: true\n      containers: [{name: app}]\n'),
      errors: [
        { line: 7, column: 20, endColumn: 24, message: /pods of Deployment agent share the node's network/ },
        { line: 8, column: 16, message: /share the node's processes; set hostPID: false/ },
      ],
      output: deployment('      hostNetwork: false\n      hostPID: false\n      containers: [{name: app}]\n'),
    },
  ],
});
