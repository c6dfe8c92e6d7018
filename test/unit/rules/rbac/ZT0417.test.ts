import { writableRootFilesystem } from '../../../../src/rules/rbac/writableRootFilesystem';
import { ruleTester } from '../../../helpers/ruleTester';
import { deployment } from './fixtures';

ruleTester(writableRootFilesystem, {
  valid: [
    deployment('      containers:\n      - name: app\n        securityContext: {readOnlyRootFilesystem: true}\n      volumes: [{name: tmp, emptyDir: {}}]\n'),
    {
      name: 'ephemeral debug containers are not judged',
      code: deployment(
        '      containers:\n      - name: app\n        securityContext: {readOnlyRootFilesystem: true}\n      ephemeralContainers:\n      - name: debugger\n',
      ),
    },
  ],
  invalid: [
    {
      name: 'explicit false and missing',
      code: deployment(
        '      containers:\n      - name: app\n        securityContext:\n          readOnlyRootFilesystem: false # needs /tmp\n      - name: worker\n',
      ),
      errors: [
        {
          line: 10,
          column: 35,
          endColumn: 40,
          message: 'container app can write to its root filesystem; set securityContext.readOnlyRootFilesystem: true and mount an emptyDir where it must write',
        },
        { line: 11, column: 15, endColumn: 21, message: /^container worker can write to its root filesystem/ },
      ],
      output: deployment(
        '      containers:\n      - name: app\n        securityContext:\n          readOnlyRootFilesystem: true # needs /tmp\n      - name: worker\n        securityContext:\n          readOnlyRootFilesystem: true\n',
      ),
    },
  ],
});
