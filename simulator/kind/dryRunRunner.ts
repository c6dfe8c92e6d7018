// The dry-run command runner: records every command in the plan and answers queries with stated assumptions instead of running them.
import type { CommandRunner, RunOptions, RunResult } from './commandRunner';
import type { Plan } from './plan';
import { SUPPORTED } from './versions';

/** What a dry run assumes where a real run would ask docker or the clusters; printed at the top of the plan. */
export const DRY_RUN_ASSUMPTIONS = [
  'no kind cluster of this workspace exists yet and cloud-provider-kind is not running (MetalLB is installed)',
  "docker network 'kind' has subnet 172.18.0.0/16 (a real run reads it with docker network inspect)",
  'addresses a real run reads from docker and the clusters are shown as <...>',
];

export class DryRunRunner implements CommandRunner {
  constructor(
    private readonly plan: Plan,
    /** ztn.yaml cluster names: remote-cluster listings report them all as synced. */
    private readonly clusterNames: string[],
    /** kind clusters `kind get clusters` lists: none for `up`, the sandbox's own for `down`. */
    private readonly existingKindClusters: string[] = [],
  ) {}

  async run(command: string, args: string[], options?: RunOptions): Promise<RunResult> {
    this.plan.command(command, args, options);
    return { code: this.exitCode(command), stdout: this.answer(command, args), stderr: '' };
  }

  private exitCode(command: string): number {
    return command === 'pgrep' ? 1 : 0;
  }

  private answer(command: string, args: string[]): string {
    const joined = args.join(' ');
    if (command === 'docker' && args[0] === 'info') return `${SUPPORTED.docker.min}\n`;
    if (command === 'kind' && args[0] === 'version') return `kind v${SUPPORTED.kind.min} (dry run)\n`;
    if (command === 'kubectl' && args[0] === 'version') return JSON.stringify({ clientVersion: { gitVersion: `v${SUPPORTED.kubectl.min}` } });
    if (command === 'istioctl' && args[0] === 'version') return `client version: ${SUPPORTED.istioctl.min}\n`;
    if (command === 'kind' && args[0] === 'get' && args[1] === 'clusters') return this.existingKindClusters.map((c) => `${c}\n`).join('');
    if (command === 'docker' && args[0] === 'network') return '172.18.0.0/16\n';
    if (command === 'docker' && args[0] === 'inspect') return `<${args[args.length - 1]} IP>\n`;
    if (command === 'istioctl' && args[0] === 'create-remote-secret') return '<remote secret>\n';
    if (command === 'istioctl' && args[0] === 'remote-clusters') {
      return ['NAME SECRET STATUS ISTIOD', ...this.clusterNames.map((n) => `${n} istio-system/istio-remote-secret-${n} synced istiod`)].join('\n') + '\n';
    }
    if (command === 'kubectl' && joined.includes('jsonpath={.status.loadBalancer.ingress[0].ip}')) return '<east-west gateway IP>';
    return '';
  }
}
