import { unsafeSysctls } from '../../../../src/rules/rbac/unsafeSysctls';
import { ruleTester } from '../../../helpers/ruleTester';
import { deployment } from './fixtures';

ruleTester(unsafeSysctls, {
  valid: [
    deployment(
      '      securityContext:\n        sysctls:\n        - {name: net.ipv4.tcp_keepalive_time, value: "600"}\n        - {name: kernel.shm_rmid_forced, value: "1"}\n      containers: [{name: app}]\n',
    ),
  ],
  invalid: [
    {
      name: 'a node-wide and a namespaced-but-unsafe sysctl',
      code: deployment(
        '      securityContext:\n        sysctls:\n        - name: kernel.msgmax\n          value: "65536"\n        - {name: net.core.somaxconn, value: "1024"}\n        - {name: net.ipv4.ip_local_port_range, value: "1024 65000"}\n      containers: [{name: app}]\n',
      ),
      errors: [
        {
          line: 9,
          column: 17,
          endColumn: 30,
          message: 'the pod sets sysctl kernel.msgmax, which is not in the baseline Pod Security safe set; remove it or set it on the node',
        },
        { line: 11, column: 18, endColumn: 36, message: /^the pod sets sysctl net.core.somaxconn/ },
      ],
    },
  ],
});
