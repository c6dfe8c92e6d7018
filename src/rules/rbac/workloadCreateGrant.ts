// ZT0426: a role that can create pods or the controllers that create them, and so run code as any ServiceAccount in scope.
import { APPS, BATCH, CORE } from '../../model/kinds';
import { isWildcardEntry, rbacGrantRule, resourceEntry, verbEntry } from '../templates/rbacGrant';

/** Resources whose creation starts pods, by API group. */
const POD_CREATORS: [group: string, resource: string][] = [
  [CORE, 'pods'],
  [CORE, 'replicationcontrollers'],
  [APPS, 'deployments'],
  [APPS, 'statefulsets'],
  [APPS, 'daemonsets'],
  [APPS, 'replicasets'],
  [BATCH, 'jobs'],
  [BATCH, 'cronjobs'],
];

export const workloadCreateGrant = rbacGrantRule(
  {
    id: 'ZT0426',
    pillar: 4,
    severity: 'warning',
    title: 'Role can create pods or workloads',
    description:
      'Whoever can create a pod (directly or through a Deployment, Job, DaemonSet...) can run any image as any ServiceAccount of the namespace, mount its Secrets and, unless Pod Security forbids it, a host path: every permission in the namespace is theirs. Keep create on workloads to the deployment pipeline.',
    fixable: false,
  },
  (rule, role) => {
    const verb = verbEntry(rule, 'create');
    if (verb < 0) return [];
    const granted = POD_CREATORS.map(([group, resource]) => ({ resource, at: resourceEntry(rule, group, resource) })).filter((g) => g.at >= 0);
    if (granted.length === 0) return [];
    // One finding per resources entry: a "*" covers them all.
    const entries = [...new Set(granted.map((g) => g.at))];
    return entries.map((at) => {
      const what = isWildcardEntry(rule, at) ? `"${rule.resources[at]}" resources, which include pods and workload controllers` : rule.resources[at];
      return {
        field: ['resources', at],
        message: `${role.kind} ${role.name} can create ${what}, so its holders can run any image as any ServiceAccount in scope; leave create on workloads to the deployment pipeline`,
      };
    });
  },
);
