import { securityProfileOverride } from '../../../../src/rules/rbac/securityProfileOverride';
import { ruleTester } from '../../../helpers/ruleTester';

const pod = (body: string) => `apiVersion: v1\nkind: Pod\nmetadata:\n  name: app\n${body}`;

ruleTester(securityProfileOverride, {
  valid: [
    pod(
      '  annotations: {container.apparmor.security.beta.kubernetes.io/app: runtime/default}\nspec:\n  securityContext:\n    appArmorProfile: {type: RuntimeDefault}\n    seLinuxOptions: {level: "s0:c123,c456", type: container_t}\n  containers:\n  - name: app\n    securityContext: {procMount: Default}\n',
    ),
  ],
  invalid: [
    {
      name: 'AppArmor field and annotation, SELinux type and user, unmasked /proc',
      code: pod(
        '  annotations:\n    container.apparmor.security.beta.kubernetes.io/app: unconfined\nspec:\n  securityContext:\n    seLinuxOptions: {type: spc_t, user: system_u}\n  containers:\n  - name: app\n    securityContext:\n      appArmorProfile: {type: Unconfined}\n      procMount: Unmasked\n',
      ),
      errors: [
        {
          line: 6,
          column: 57,
          endColumn: 67,
          message:
            "annotation container.apparmor.security.beta.kubernetes.io/app sets AppArmor profile unconfined; keep the runtime's default confinement (remove the override)",
        },
        { line: 9, column: 28, endColumn: 33, message: /^the pod sets SELinux type spc_t/ },
        { line: 9, column: 41, endColumn: 49, message: /^the pod sets SELinux user system_u/ },
        { line: 13, column: 31, endColumn: 41, message: /^container app runs without an AppArmor profile \(Unconfined\)/ },
        { line: 14, column: 18, endColumn: 26, message: /^container app unmasks \/proc \(procMount: Unmasked\)/ },
      ],
    },
  ],
});
