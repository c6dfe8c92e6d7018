import { hostPathVolume } from '../../../../src/rules/rbac/hostPathVolume';
import { ruleTester } from '../../../helpers/ruleTester';
import { deployment } from './fixtures';

ruleTester(hostPathVolume, {
  valid: [
    deployment('      volumes: [{name: tmp, emptyDir: {}}]\n'),
    {
      name: 'a sensitive path is ZT0423, not reported twice',
      code: deployment('      volumes:\n      - name: docker\n        hostPath: {path: /var/run/docker.sock}\n'),
    },
  ],
  invalid: [
    {
      code: deployment('      volumes:\n      - name: cache\n        hostPath: {path: /data/cache}\n'),
      errors: [{ line: 9, column: 9, endColumn: 17, message: /volume cache mounts host path \/data\/cache into pods of Deployment agent/ }],
    },
  ],
});
