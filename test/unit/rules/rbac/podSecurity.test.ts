// Test tables of the pod isolation rules ZT0407-ZT0411.
import { dangerousCapabilities } from '../../../../src/rules/rbac/dangerousCapabilities';
import { hostNamespaces } from '../../../../src/rules/rbac/hostNamespaces';
import { hostPathVolume } from '../../../../src/rules/rbac/hostPathVolume';
import { privilegedContainer } from '../../../../src/rules/rbac/privilegedContainer';
import { runAsRoot } from '../../../../src/rules/rbac/runAsRoot';
import { ruleTester } from '../../../helpers/ruleTester';

const deployment = (podSpec: string) => `apiVersion: apps/v1
kind: Deployment
metadata: {name: agent, namespace: ops}
spec:
  template:
    spec:
${podSpec}`;

ruleTester(privilegedContainer, {
  valid: [deployment('      containers:\n      - name: app\n        securityContext: {privileged: false}\n')],
  invalid: [
    {
      code: deployment('      initContainers:\n      - name: setup\n        securityContext:\n          privileged: true # needs sysctl\n      containers:\n      - name: app\n'),
      errors: [{ line: 10, column: 23, endColumn: 27, message: 'container setup is privileged; set securityContext.privileged: false and add only the capabilities it needs' }],
      output: deployment('      initContainers:\n      - name: setup\n        securityContext:\n          privileged: false # needs sysctl\n      containers:\n      - name: app\n'),
    },
  ],
});

ruleTester(hostNamespaces, {
  valid: [deployment('      hostNetwork: false\n      containers: [{name: app}]\n')],
  invalid: [
    {
      code: deployment('      hostNetwork: true\n      hostPID: true\n      containers: [{name: app}]\n'),
      errors: [
        { line: 7, column: 20, endColumn: 24, message: /pods of Deployment agent share the node's network/ },
        { line: 8, column: 16, message: /share the node's processes; set hostPID: false/ },
      ],
      output: deployment('      hostNetwork: false\n      hostPID: false\n      containers: [{name: app}]\n'),
    },
  ],
});

ruleTester(hostPathVolume, {
  valid: [deployment('      volumes: [{name: tmp, emptyDir: {}}]\n')],
  invalid: [
    {
      code: deployment('      volumes:\n      - name: docker\n        hostPath: {path: /var/run/docker.sock}\n'),
      errors: [{ line: 9, column: 9, endColumn: 17, message: /volume docker mounts host path \/var\/run\/docker.sock into pods of Deployment agent/ }],
    },
  ],
});

ruleTester(dangerousCapabilities, {
  valid: [
    deployment('      containers:\n      - name: app\n        securityContext: {capabilities: {drop: [ALL], add: [NET_BIND_SERVICE]}}\n'),
    { name: "Istio's own init container", code: deployment('      initContainers:\n      - name: istio-init\n        securityContext: {capabilities: {add: [NET_ADMIN, NET_RAW]}}\n') },
  ],
  invalid: [
    {
      code: deployment('      containers:\n      - name: app\n        securityContext:\n          capabilities:\n            add:\n            - NET_BIND_SERVICE\n            - SYS_ADMIN # for fuse\n'),
      errors: [{ line: 13, column: 15, endColumn: 24, message: /container app adds capability SYS_ADMIN/ }],
      output: deployment('      containers:\n      - name: app\n        securityContext:\n          capabilities:\n            add:\n            - NET_BIND_SERVICE\n'),
    },
    {
      name: 'flow list, CAP_ prefix',
      code: deployment('      containers:\n      - name: app\n        securityContext: {capabilities: {add: [CAP_NET_RAW, CHOWN]}}\n'),
      errors: [{ line: 9, column: 48 }],
      output: deployment('      containers:\n      - name: app\n        securityContext: {capabilities: {add: [CHOWN]}}\n'),
    },
  ],
});

ruleTester(runAsRoot, {
  valid: [
    deployment('      securityContext: {runAsNonRoot: true}\n      containers: [{name: app}]\n'),
    { name: 'every container has a non-root user', code: deployment('      containers:\n      - name: app\n        securityContext: {runAsUser: 1000}\n') },
  ],
  invalid: [
    {
      name: 'nothing set: the fix adds the pod-level flag',
      code: deployment('      containers:\n      - name: app\n        image: agent:1\n'),
      errors: [{ line: 3, column: 18, endColumn: 23, message: 'pods of Deployment agent may run as root; set securityContext.runAsNonRoot: true in the pod spec' }],
      output: deployment('      containers:\n      - name: app\n        image: agent:1\n      securityContext:\n        runAsNonRoot: true\n'),
    },
    {
      name: 'a container that asks for root',
      code: deployment('      securityContext: {runAsNonRoot: true}\n      containers:\n      - name: app\n        securityContext: {runAsUser: 0}\n'),
      errors: [{ line: 10, column: 38, message: /container app explicitly runs as root/ }],
    },
  ],
});
