import { seccompNotConfined } from '../../../../src/rules/rbac/seccompNotConfined';
import { ruleTester } from '../../../helpers/ruleTester';
import { deployment } from './fixtures';

ruleTester(seccompNotConfined, {
  valid: [
    deployment('      securityContext: {seccompProfile: {type: RuntimeDefault}}\n      containers: [{name: app}]\n'),
    {
      name: 'every container sets its own',
      code: deployment('      containers:\n      - name: app\n        securityContext: {seccompProfile: {type: Localhost, localhostProfile: app.json}}\n'),
    },
  ],
  invalid: [
    {
      name: 'no profile anywhere: the pod gets RuntimeDefault',
      code: deployment('      containers:\n      - name: app\n      - name: worker\n        securityContext: {seccompProfile: {type: RuntimeDefault}}\n'),
      errors: [
        {
          line: 6,
          column: 5,
          endColumn: 9,
          message: 'no seccomp profile applies to container app; set securityContext.seccompProfile.type: RuntimeDefault in the pod spec',
        },
      ],
      output: deployment(
        '      containers:\n      - name: app\n      - name: worker\n        securityContext: {seccompProfile: {type: RuntimeDefault}}\n      securityContext:\n        seccompProfile:\n          type: RuntimeDefault\n',
      ),
    },
    {
      name: 'Unconfined on the pod and on a container, comment kept',
      code: deployment(
        '      securityContext:\n        seccompProfile:\n          type: Unconfined # legacy\n      containers:\n      - name: app\n        securityContext: {seccompProfile: {type: "Unconfined"}}\n',
      ),
      errors: [
        {
          line: 9,
          column: 17,
          endColumn: 27,
          message: 'the pod turns seccomp off (Unconfined); set securityContext.seccompProfile.type: RuntimeDefault in the pod spec',
        },
        { line: 12, column: 50, endColumn: 62, message: /^container app turns seccomp off \(Unconfined\)/ },
      ],
      output: deployment(
        '      securityContext:\n        seccompProfile:\n          type: RuntimeDefault # legacy\n      containers:\n      - name: app\n        securityContext: {seccompProfile: {type: "RuntimeDefault"}}\n',
      ),
    },
  ],
});
