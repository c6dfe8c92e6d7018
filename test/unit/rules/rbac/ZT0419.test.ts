import { capabilitiesNotDropped } from '../../../../src/rules/rbac/capabilitiesNotDropped';
import { ruleTester } from '../../../helpers/ruleTester';
import { deployment } from './fixtures';

ruleTester(capabilitiesNotDropped, {
  valid: [
    deployment('      containers:\n      - name: app\n        securityContext: {capabilities: {drop: [ALL], add: [NET_BIND_SERVICE]}}\n'),
    {
      name: 'lower case and CAP_ prefix',
      code: deployment('      containers:\n      - name: app\n        securityContext: {capabilities: {drop: [cap_all]}}\n'),
    },
  ],
  invalid: [
    {
      name: 'drop list without ALL: ALL appended',
      code: deployment(
        '      containers:\n      - name: app\n        securityContext:\n          capabilities:\n            drop: [NET_RAW] # no raw sockets\n',
      ),
      errors: [
        {
          line: 11,
          column: 13,
          endColumn: 17,
          message: 'container app does not drop ALL capabilities; set securityContext.capabilities.drop: [ALL] and add back only what it needs',
        },
      ],
      output: deployment(
        '      containers:\n      - name: app\n        securityContext:\n          capabilities:\n            drop: [NET_RAW, ALL] # no raw sockets\n',
      ),
    },
    {
      name: 'block drop list: ALL on a new line, comments kept',
      code: deployment(
        '      containers:\n      - name: app\n        securityContext:\n          capabilities:\n            drop:\n            - NET_RAW # no raw sockets\n            # end of list\n',
      ),
      errors: [{ line: 11, column: 13, endColumn: 17, message: /^container app does not drop ALL capabilities/ }],
      output: deployment(
        '      containers:\n      - name: app\n        securityContext:\n          capabilities:\n            drop:\n            - NET_RAW # no raw sockets\n            - ALL\n            # end of list\n',
      ),
    },
    {
      name: 'nothing dropped',
      code: deployment('      containers:\n      - name: app\n        image: shop:1.2\n'),
      errors: [{ line: 8, column: 15, endColumn: 18, message: /^container app does not drop ALL capabilities/ }],
      output: deployment(
        '      containers:\n      - name: app\n        image: shop:1.2\n        securityContext:\n          capabilities:\n            drop:\n              - ALL\n',
      ),
    },
  ],
});
