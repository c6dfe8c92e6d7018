// A scripted CommandRunner for the kind engine's tests: recorded outputs per command, every call kept for assertions.
import {
  CommandNotFoundError,
  CommandTimeoutError,
  formatCommand,
  type CommandRunner,
  type RunOptions,
  type RunResult,
} from '../../../../simulator/kind/commandRunner';

export interface ScriptedCall {
  command: string;
  args: string[];
  line: string;
  input?: string;
}

type Response = Partial<RunResult> | 'not-found' | 'timeout' | ((call: ScriptedCall, nth: number) => Partial<RunResult> | 'not-found' | 'timeout');

interface Rule {
  /** Matched against the command line as formatCommand prints it. */
  pattern: RegExp;
  response: Response;
  hits: number;
}

/** Answers from the first rule whose pattern matches the command line; unmatched commands succeed with no output. */
export class ScriptedRunner implements CommandRunner {
  readonly calls: ScriptedCall[] = [];
  private readonly rules: Rule[] = [];

  on(pattern: RegExp, response: Response): this {
    this.rules.push({ pattern, response, hits: 0 });
    return this;
  }

  async run(command: string, args: string[], options?: RunOptions): Promise<RunResult> {
    const call: ScriptedCall = { command, args, line: formatCommand(command, args), input: options?.input };
    this.calls.push(call);
    const rule = this.rules.find((r) => r.pattern.test(call.line));
    let response: Response = {};
    if (rule) {
      response = typeof rule.response === 'function' ? rule.response(call, rule.hits) : rule.response;
      rule.hits++;
    }
    if (response === 'not-found') throw new CommandNotFoundError(command);
    if (response === 'timeout') throw new CommandTimeoutError(command, args, options?.timeoutMs ?? 1000);
    return { code: 0, stdout: '', stderr: '', ...(response as Partial<RunResult>) };
  }

  /** Like `on`, but checked before every rule added so far (to change one answer of a scripted machine). */
  override(pattern: RegExp, response: Response): this {
    this.rules.unshift({ pattern, response, hits: 0 });
    return this;
  }

  lines(): string[] {
    return this.calls.map((c) => c.line);
  }
}

/** Recorded outputs of a healthy machine: supported tool versions, a kind network, synced remote clusters. */
export function healthyMachine(clusters: string[] = ['east', 'west']): ScriptedRunner {
  return new ScriptedRunner()
    .on(/^docker info/, { stdout: '27.3.1\n' })
    .on(/^kind version/, { stdout: 'kind v0.30.0 go1.24.6 linux/amd64\n' })
    .on(/^kubectl version --client/, { stdout: '{"clientVersion":{"major":"1","minor":"34","gitVersion":"v1.34.1"}}' })
    .on(/^istioctl version/, { stdout: 'client version: 1.28.0\n' })
    .on(/^pgrep/, { code: 1 })
    .on(/^kind get clusters/, { stdout: 'No kind clusters found.\n' })
    .on(/^docker network inspect kind/, { stdout: '172.18.0.0/16 fc00:f853:ccd:e793::/64 \n' })
    .on(/^docker inspect .* ztn-east-control-plane/, { stdout: '172.18.0.2\n' })
    .on(/^docker inspect .* ztn-west-control-plane/, { stdout: '172.18.0.3\n' })
    .on(/jsonpath=\{\.status\.loadBalancer/, { stdout: '172.18.255.200' })
    .on(/^istioctl create-remote-secret/, (call) => ({
      stdout: `apiVersion: v1\nkind: Secret\nmetadata: {name: istio-remote-secret-${call.args.find((a) => a.startsWith('--name='))?.slice(7)}}\n`,
    }))
    .on(/^istioctl remote-clusters/, {
      stdout:
        [
          'NAME     SECRET                                        STATUS     ISTIOD',
          ...clusters.map((c) => `${c}     istio-system/istio-remote-secret-${c}     synced     istiod-7d9c-x`),
        ].join('\n') + '\n',
    });
}
