import { dangerousCapabilities } from '../../../../src/rules/rbac/dangerousCapabilities';
import { ruleTester } from '../../../helpers/ruleTester';
import { deployment } from './fixtures';

ruleTester(dangerousCapabilities, {
  valid: [
    deployment('      containers:\n      - name: app\n        securityContext: {capabilities: {drop: [ALL], add: [NET_BIND_SERVICE]}}\n'),
    {
      name: "Istio's own init container",
      code: deployment('      initContainers:\n      - name: istio-init\n        securityContext: {capabilities: {add: [NET_ADMIN, NET_RAW]}}\n'),
    },
  ],
  invalid: [
    {
      code: deployment(
        '      containers:\n      - name: app\n        securityContext:\n          capabilities:\n            add:\n            - NET_BIND_SERVICE\n            - SYS_ADMIN # for fuse\n',
      ),
      errors: [{ line: 13, column: 15, endColumn: 24, message: /container app adds capability SYS_ADMIN/ }],
      output: deployment(
        '      containers:\n      - name: app\n        securityContext:\n          capabilities:\n            add:\n            - NET_BIND_SERVICE\n',
      ),
    },
    {
      name: 'flow list, CAP_ prefix',
      code: deployment('      containers:\n      - name: app\n        securityContext: {capabilities: {add: [CAP_NET_RAW, CHOWN]}}\n'),
      errors: [{ line: 9, column: 48, message: 'container app adds capability CAP_NET_RAW; remove it (drop ALL and add back only what is needed)' }],
      output: deployment('      containers:\n      - name: app\n        securityContext: {capabilities: {add: [CHOWN]}}\n'),
    },
  ],
});
