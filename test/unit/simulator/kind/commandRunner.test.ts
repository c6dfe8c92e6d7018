// The real command runner (child processes, input, timeouts, missing programs), the command log and preflight's version rules.
import { strict as assert } from 'node:assert';
import { existsSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  CommandFailedError,
  CommandNotFoundError,
  CommandTimeoutError,
  formatCommand,
  loggingRunner,
  runChecked,
} from '../../../../simulator/kind/commandRunner';
import { ProcessRunner } from '../../../../simulator/kind/processRunner';
import { inRange, parseVersion, SUPPORTED } from '../../../../simulator/kind/versions';

const node = process.execPath;

describe('kind engine command runner', function () {
  this.timeout(20_000);
  const runner = new ProcessRunner();

  it('runs a program with arguments, input and environment, returning its exit code and output', async () => {
    const r = await runner.run(
      node,
      ['-e', 'process.stdin.pipe(process.stdout); console.error(process.env.ZTN_TEST, process.argv[1]); process.exitCode = 3', 'arg one'],
      { input: 'from stdin', env: { ZTN_TEST: 'env-value' } },
    );
    assert.deepEqual(r, { code: 3, stdout: 'from stdin', stderr: 'env-value arg one\n' });
  });

  it('reports a program that is not on PATH as CommandNotFoundError', async () => {
    await assert.rejects(
      runner.run('ztn-no-such-program', ['x']),
      (e: Error) => e instanceof CommandNotFoundError && e.message === "'ztn-no-such-program' was not found on PATH",
    );
  });

  it('names a configured path that does not exist (the extension maps kind and istioctl to its settings)', async () => {
    await assert.rejects(
      runner.run('/opt/nowhere/istioctl', ['version']),
      (e: Error) => e instanceof CommandNotFoundError && e.message === "'/opt/nowhere/istioctl' does not exist",
    );
  });

  // Each command writes its pid to a file, so the tests check what happened to the process, not how long it took.
  const pidFile = () => join(mkdtempSync(join(tmpdir(), 'ztn-runner-')), 'pid');
  const writePid = (file: string) => `require("fs").writeFileSync(${JSON.stringify(file)}, String(process.pid));`;
  const pidIn = (file: string) => Number(readFileSync(file, 'utf8'));
  const alive = (pid: number) => {
    try {
      process.kill(pid, 0);
      return true;
    } catch {
      return false;
    }
  };

  it('ends a command that outlives its timeout, even one that ignores SIGTERM', async () => {
    const plain = pidFile();
    // Timeouts leave Node time to start and write its pid on a busy machine.
    await assert.rejects(runner.run(node, ['-e', `${writePid(plain)} setTimeout(() => {}, 60000)`], { timeoutMs: 2_000 }), CommandTimeoutError);
    assert.equal(alive(pidIn(plain)), false, 'the command was ended');
    // This one survives SIGTERM (its handler is in place before it writes its pid) and ends with SIGKILL after the grace time.
    const stubborn = new ProcessRunner(60_000, 200);
    const ignoring = pidFile();
    await assert.rejects(
      stubborn.run(node, ['-e', `process.on("SIGTERM", () => {}); ${writePid(ignoring)} setTimeout(() => {}, 60000)`], { timeoutMs: 2_000 }),
      CommandTimeoutError,
    );
    assert.equal(alive(pidIn(ignoring)), false, 'the command that ignored SIGTERM was killed');
  });

  it('returns when a timed-out command has exited, even if something it started keeps its output open', async () => {
    const grandchild = pidFile();
    const start = `require("child_process").spawn(process.execPath, ["-e", ${JSON.stringify(`${writePid(grandchild)} setTimeout(() => {}, 60000)`)}], { stdio: "inherit" });`;
    await assert.rejects(runner.run(node, ['-e', `${start} setTimeout(() => {}, 60000)`], { timeoutMs: 2_000 }), CommandTimeoutError);
    // Returned while the grandchild (60 s, holding the output open) still runs: the runner did not wait for it.
    for (let i = 0; i < 250 && !existsSync(grandchild); i++) await new Promise((r) => setTimeout(r, 20));
    const pid = pidIn(grandchild);
    assert.equal(alive(pid), true);
    process.kill(pid, 'SIGKILL');
  });

  it('runChecked turns a non-zero exit into an error naming the command and its last stderr line', async () => {
    await assert.rejects(
      runChecked(runner, node, ['-e', 'console.error("first\\nError: boom"); process.exit(2)']),
      (e: Error) => e instanceof CommandFailedError && / exited with 2: Error: boom$/.test(e.message),
    );
  });

  it('quotes arguments for the log as a shell would need them', () => {
    assert.equal(formatCommand('kubectl', ['get', '--output=jsonpath={.a[0].b}', "it's", '']), "kubectl get '--output=jsonpath={.a[0].b}' 'it'\\''s' ''");
  });

  it('logs each command and its exit, never its input or output', async () => {
    const lines: string[] = [];
    let now = 0;
    const logged = loggingRunner(
      { run: async () => ({ code: 0, stdout: 'token: s3cr3t', stderr: '' }) },
      (l) => lines.push(l),
      () => (now += 500),
    );
    await logged.run('kubectl', ['apply', '-f', '-'], { input: 'kind: Secret', inputLabel: 'the remote secret' });
    const failing = loggingRunner({ run: async () => Promise.reject(new CommandNotFoundError('kind')) }, (l) => lines.push(l));
    await assert.rejects(failing.run('kind', ['version']));
    assert.deepEqual(lines.slice(0, 2), ['$ kubectl apply -f -   < the remote secret', '  = exit 0 (0.5s)']);
    assert.match(lines[3], /^ {2}! 'kind' was not found on PATH/);
    assert.doesNotMatch(lines.join('\n'), /s3cr3t|kind: Secret/);
  });

  it('reads tool versions and checks the supported ranges', () => {
    assert.equal(parseVersion('kind v0.27.0 go1.23.6 linux/amd64'), '0.27.0');
    assert.equal(parseVersion('{"clientVersion":{"gitVersion":"v1.32.4-dispatcher"}}'), '1.32.4');
    assert.equal(parseVersion('client version: 1.25.2'), '1.25.2');
    assert.equal(parseVersion('no digits'), undefined);
    assert.equal(inRange('0.30.0', SUPPORTED.kind), true);
    assert.equal(inRange('0.27.0', SUPPORTED.kind), false);
    assert.equal(inRange('1.28.1', SUPPORTED.istioctl), true);
    assert.equal(inRange('1.27.3', SUPPORTED.istioctl), false, 'Istio 1.27 does not support the Kubernetes 1.34 node image');
    assert.equal(inRange('1.34.1', SUPPORTED.kubectl), true);
    assert.equal(inRange('99.0.0', SUPPORTED.docker), true);
  });
});
