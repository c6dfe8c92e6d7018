import { podSecurityLevelRejects } from '../../../../src/rules/rbac/podSecurityLevelRejects';
import { ruleTester } from '../../../helpers/ruleTester';

const ns = (level: string) => `apiVersion: v1\nkind: Namespace\nmetadata:\n  name: shop\n  labels: {pod-security.kubernetes.io/enforce: ${level}}\n`;
const restrictedPod = `apiVersion: apps/v1
kind: Deployment
metadata: {name: web, namespace: shop}
spec:
  template:
    spec:
      securityContext: {runAsNonRoot: true, seccompProfile: {type: RuntimeDefault}}
      containers:
      - name: app
        securityContext: {allowPrivilegeEscalation: false, capabilities: {drop: [ALL]}}
`;
const hostPod = `apiVersion: apps/v1
kind: Deployment
metadata: {name: web, namespace: shop}
spec:
  template:
    spec:
      hostNetwork: true
      containers:
      - name: app
        ports: [{containerPort: 80, hostPort: 80}]
`;

ruleTester(podSecurityLevelRejects, {
  valid: [
    { name: 'restricted pods in a restricted namespace', code: restrictedPod, files: { '/virtual/ns.yaml': ns('restricted') } },
    {
      name: 'no enforce label: nothing to judge',
      code: hostPod,
      files: { '/virtual/ns.yaml': 'apiVersion: v1\nkind: Namespace\nmetadata: {name: shop, labels: {pod-security.kubernetes.io/warn: restricted}}\n' },
    },
    { name: 'privileged level', code: hostPod, files: { '/virtual/ns.yaml': ns('privileged') } },
    { name: 'the namespace is not in the workspace', code: hostPod },
    {
      name: 'baseline does not ask for restricted settings',
      code: restrictedPod.replace('allowPrivilegeEscalation: false, ', ''),
      files: { '/virtual/ns.yaml': ns('baseline') },
    },
  ],
  invalid: [
    {
      name: 'baseline rejects host network and host ports',
      code: hostPod,
      files: { '/virtual/ns.yaml': ns('baseline') },
      errors: [
        {
          line: 3,
          column: 18,
          endColumn: 21,
          message:
            'namespace shop enforces the baseline Pod Security level, which rejects pods of Deployment web: the pod sets hostNetwork: true (Host Namespaces); container app binds host port 80 (Host Ports); make the pods comply or run them elsewhere',
        },
      ],
    },
    {
      name: 'restricted names three problems and counts the rest',
      code: restrictedPod.replace('allowPrivilegeEscalation: false, ', '').replace('runAsNonRoot: true, ', '').replace('drop: [ALL]', 'add: [NET_ADMIN]'),
      files: { '/virtual/ns.yaml': ns('restricted') },
      errors: [
        {
          line: 3,
          message:
            /^namespace shop enforces the restricted Pod Security level, which rejects pods of Deployment web: container app adds capability NET_ADMIN \(Capabilities\); container app does not set allowPrivilegeEscalation: false \(Privilege Escalation\); container app is not required to run as non-root \(runAsNonRoot: true\) \(Running as Non-root\); and 2 more;/,
        },
      ],
    },
  ],
});
