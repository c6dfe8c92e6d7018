import { privilegedContainer } from '../../../../src/rules/rbac/privilegedContainer';
import { ruleTester } from '../../../helpers/ruleTester';
import { deployment } from './fixtures';

ruleTester(privilegedContainer, {
  valid: [deployment('      containers:\n      - name: app\n        securityContext: {privileged: false}\n')],
  invalid: [
    {
      code: deployment(
        '      initContainers:\n      - name: setup\n        securityContext:\n          privileged: true # needs sysctl\n      containers:\n      - name: app\n',
      ),
      errors: [
        {
          line: 10,
          column: 23,
          endColumn: 27,
          message: 'container setup is privileged; set securityContext.privileged: false and add only the capabilities it needs',
        },
      ],
      output: deployment(
        '      initContainers:\n      - name: setup\n        securityContext:\n          privileged: false # needs sysctl\n      containers:\n      - name: app\n',
      ),
    },
  ],
});
