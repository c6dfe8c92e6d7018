import { sensitiveHostPathRule } from '../../../../src/rules/rbac/sensitiveHostPath';
import { ruleTester } from '../../../helpers/ruleTester';
import { deployment } from './fixtures';

const volumes = (paths: string[]) =>
  deployment(`      containers: [{name: app}]\n      volumes:\n${paths.map((p, i) => `      - name: v${i}\n        hostPath: {path: ${p}}\n`).join('')}`);

ruleTester(sensitiveHostPathRule, {
  valid: [
    volumes(['/data/cache', '/var/log/app', '/etcetera', '/opt/run']),
    deployment('      containers: [{name: app}]\n      volumes: [{name: tmp, emptyDir: {}}]\n'),
  ],
  invalid: [
    {
      name: 'runtime sockets, the root, /etc, /proc, /var/run, /root and kubelet folders',
      code: volumes(['/var/run/docker.sock', '/run/containerd/containerd.sock', '/', '/etc/', '//proc/1', '/var/run', '/root/.ssh', '/var/lib/kubelet/pods']),
      errors: [
        {
          line: 10,
          column: 26,
          endColumn: 46,
          message:
            'volume v0 mounts the container runtime socket, which starts privileged containers on the node, into pods of Deployment agent; remove the volume (use a CSI driver, a ConfigMap or an emptyDir)',
        },
        { line: 12, message: /^volume v1 mounts the container runtime socket/ },
        { line: 14, message: /^volume v2 mounts the node's whole filesystem/ },
        { line: 16, message: /^volume v3 mounts \/etc, part of the node's \/etc/ },
        { line: 18, message: /^volume v4 mounts \/proc\/1, part of the node's \/proc/ },
        { line: 20, message: /^volume v5 mounts \/var\/run, part of the node's \/var\/run/ },
        { line: 22, message: /^volume v6 mounts \/root\/.ssh/ },
        { line: 24, message: /^volume v7 mounts \/var\/lib\/kubelet\/pods, part of the node's \/var\/lib\/kubelet/ },
      ],
    },
  ],
});
