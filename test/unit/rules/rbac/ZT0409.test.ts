import { hostPathVolume } from '../../../../src/rules/rbac/hostPathVolume';
import { ruleTester } from '../../../helpers/ruleTester';
import { deployment } from './fixtures';

ruleTester(hostPathVolume, {
  valid: [deployment('      volumes: [{name: tmp, emptyDir: {}}]\n')],
  invalid: [
    {
      code: deployment('      volumes:\n      - name: docker\n        hostPath: {path: /var/run/docker.sock}\n'),
      errors: [{ line: 9, column: 9, endColumn: 17, message: /volume docker mounts host path \/var\/run\/docker.sock into pods of Deployment agent/ }],
    },
  ],
});
