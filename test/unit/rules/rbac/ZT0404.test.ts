import { podExecGrant } from '../../../../src/rules/rbac/podExecGrant';
import { ruleTester } from '../../../helpers/ruleTester';
import { role } from './fixtures';

ruleTester(podExecGrant, {
  valid: [role('- apiGroups: [""]\n  resources: [pods, pods/log]\n  verbs: [get, list]\n')],
  invalid: [
    {
      name: 'both subresources removed by either fix',
      code: role('- apiGroups: [""]\n  resources: [pods, pods/exec, pods/attach]\n  verbs: [create]\n'),
      errors: [
        { line: 6, column: 21, endColumn: 30, message: /grants pods\/exec, so its holders can run commands in pods/ },
        { line: 6, column: 32, message: /grants pods\/attach/ },
      ],
      output: role('- apiGroups: [""]\n  resources: [pods]\n  verbs: [create]\n'),
    },
    {
      name: 'block list, comments of other lines kept',
      code: role('- apiGroups: [""]\n  resources:\n  - pods # read\n  - pods/exec # debugging\n  verbs: ["*"]\n'),
      errors: [
        {
          line: 8,
          column: 5,
          endColumn: 14,
          message: 'Role app grants pods/exec, so its holders can run commands in pods; remove it and use audited break-glass access',
        },
      ],
      output: role('- apiGroups: [""]\n  resources:\n  - pods # read\n  verbs: ["*"]\n'),
    },
    {
      name: '"*" and "*/exec" include the subresources: one finding per entry, no fix',
      code: role('- apiGroups: [""]\n  resources: ["*"]\n  verbs: [get]\n- apiGroups: [""]\n  resources: [pods, "*/exec"]\n  verbs: [create]\n'),
      errors: [
        {
          line: 6,
          column: 15,
          endColumn: 18,
          message:
            'Role app grants "*" resources, which include pods/exec and pods/attach, so its holders can run commands in pods; list the resources it needs',
        },
        { line: 9, column: 21, endColumn: 29, message: /^Role app grants "\*\/exec" resources/ },
      ],
    },
    {
      name: 'the only resource: no fix (a rule needs resources)',
      code: role('- apiGroups: [""]\n  resources: [pods/exec]\n  verbs: [create]\n'),
      errors: [
        { line: 6, column: 15, message: 'Role app grants pods/exec, so its holders can run commands in pods; remove it and use audited break-glass access' },
      ],
    },
  ],
});
