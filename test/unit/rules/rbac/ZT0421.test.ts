import { hostProcessContainer } from '../../../../src/rules/rbac/hostProcessContainer';
import { ruleTester } from '../../../helpers/ruleTester';
import { deployment } from './fixtures';

ruleTester(hostProcessContainer, {
  valid: [
    deployment(
      '      securityContext: {windowsOptions: {runAsUserName: ContainerUser}}\n      containers: [{name: app, securityContext: {windowsOptions: {hostProcess: false}}}]\n',
    ),
  ],
  invalid: [
    {
      name: 'pod level and container level',
      code: deployment(
        '      hostNetwork: true\n      securityContext:\n        windowsOptions: {hostProcess: true, runAsUserName: "NT AUTHORITY\\\\SYSTEM"}\n      containers:\n      - name: agent\n        securityContext: {windowsOptions: {hostProcess: true}}\n',
      ),
      errors: [
        {
          line: 9,
          column: 39,
          endColumn: 43,
          message:
            "the pod runs as a Windows HostProcess container, with the node's privileges; run node agents from a dedicated, audited namespace or remove windowsOptions.hostProcess",
        },
        { line: 12, column: 57, endColumn: 61, message: /^container agent runs as a Windows HostProcess container/ },
      ],
    },
  ],
});
