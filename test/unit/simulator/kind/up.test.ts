// `up`, `down` and `status` of the kind engine against a scripted command runner: success, reuse, failures and cleanup.
import { strict as assert } from 'node:assert';
import { existsSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { createSandboxPki } from '../../../../simulator/shared/pki';
import type { ProgressEvent } from '../../../../simulator/engine';
import { KindEngine } from '../../../../simulator/kind/engine';
import { PreflightError } from '../../../../simulator/kind/preflight';
import { KindUpError } from '../../../../simulator/kind/setup';
import { SandboxError } from '../../../../simulator/shared/errors';
import { STATE_GITIGNORE } from '../../../../simulator/shared/stateFolder';
import { isStaleSandboxError, WORKSPACE_STAMP } from '../../../../simulator/shared/workspaceStamp';
import { healthyMachine, type ScriptedRunner } from './scriptedRunner';
import { loadFixture, RecordingClusterApi, tempStateDir } from '../../../helpers/kindFixture';

function engineWith(runner: ScriptedRunner, apis: Record<string, RecordingClusterApi> = {}) {
  return new KindEngine({
    runner,
    clusterApi: (c) => (apis[c.name] ??= new RecordingClusterApi()),
    sleep: async () => {},
    now: () => new Date('2026-01-02T03:04:05Z'),
    timeouts: { poll: 50 },
  });
}

async function rejection(p: Promise<unknown>): Promise<Error> {
  try {
    await p;
  } catch (err) {
    return err as Error;
  }
  assert.fail('expected a rejection');
}

describe('kind engine up/down with a scripted runner', function () {
  this.timeout(20_000);
  let state: ReturnType<typeof tempStateDir>;
  beforeEach(() => (state = tempStateDir()));
  afterEach(() => state.cleanup());

  it('builds both clusters, pipes remote secrets, deploys and records state', async () => {
    const runner = healthyMachine();
    const apis: Record<string, RecordingClusterApi> = {};
    const progress: ProgressEvent[] = [];
    const log: string[] = [];
    const status = await engineWith(runner, apis).up({
      stateDir: state.dir,
      index: loadFixture(),
      onProgress: (e) => progress.push(e),
      log: (l) => log.push(l),
    });

    assert.equal(status.running, true);
    assert.equal(status.startedAt, '2026-01-02T03:04:05.000Z');
    const lines = runner.lines();
    assert.ok(lines.includes(`kind create cluster --name ztn-east --config ${state.dir}/east/kind.yaml --kubeconfig ${state.dir}/kubeconfig --wait 120s`));
    assert.ok(lines.includes(`kind create cluster --name ztn-west --config ${state.dir}/west/kind.yaml --kubeconfig ${state.dir}/kubeconfig --wait 120s`));
    // Pools come from the kind network read from docker, one /24 per cluster.
    assert.match(readFileSync(join(state.dir, 'west/metallb-pool.yaml'), 'utf8'), /172\.18\.254\.200-172\.18\.254\.250/);
    // east's secret, with east's control-plane address, goes to west through stdin.
    const create = runner.calls.findIndex((c) => c.line.includes('create-remote-secret') && c.line.includes('--server=https://172.18.0.2:6443'));
    assert.ok(create >= 0);
    const applyToWest = runner.calls[create + 1];
    assert.match(applyToWest.line, /--context kind-ztn-west apply -f -$/);
    assert.match(applyToWest.input ?? '', /istio-remote-secret-east/);
    // cacerts: created from the four files, applied from stdin; the key file is private.
    assert.equal(statSync(join(state.dir, 'east/cacerts/ca-key.pem')).mode & 0o777, 0o600);
    assert.equal(statSync(join(state.dir, 'pki.json')).mode & 0o777, 0o600);
    assert.deepEqual(apis.east.applied.slice(0, 3), ['Namespace shop', 'CustomResourceDefinition widgets.shop.example.com', 'ServiceAccount shop/cart']);
    assert.deepEqual(apis.east.waits, ['crds widgets.shop.example.com', 'deployments shop']);
    assert.ok(apis.west.applied.includes('Deployment shop/payments'));

    const saved = JSON.parse(readFileSync(join(state.dir, 'state.json'), 'utf8'));
    assert.deepEqual(
      saved.clusters.map((c: { kindName: string; reused: boolean }) => [c.kindName, c.reused]),
      [
        ['ztn-east', false],
        ['ztn-west', false],
      ],
    );
    assert.deepEqual(
      saved.notApplied.map((n: { resource: string }) => n.resource),
      ['Job shop/seed', 'IstioOperator istio-system/control-plane', 'Deployment istio-system/istio-eastwestgateway', 'Certificate shop/payments-tls'],
    );
    assert.deepEqual(
      [...new Set(progress.map((p) => p.step))],
      ['preflight', 'certificates', 'clusters', 'load-balancer', 'trust', 'istio', 'east-west', 'remote-secrets', 'deploy'],
    );
    // The command log names every command and no secret: not the remote secret, not a key.
    assert.equal(log.filter((l) => l.startsWith('$ ')).length, runner.calls.length);
    assert.ok(log.some((l) => l.endsWith('< the remote secret of east printed by the previous command')));
    assert.doesNotMatch(log.join('\n'), /istio-remote-secret-east|PRIVATE KEY/);
    assert.match(readFileSync(join(state.dir, 'commands.log'), 'utf8'), /\$ kind create cluster --name ztn-east/);
  });

  it('fails before touching anything when a tool is missing, naming each and how to install it', async () => {
    const runner = healthyMachine()
      .override(/^kubectl version/, 'not-found')
      .override(/^docker info/, { code: 1, stderr: 'Cannot connect to the Docker daemon at unix:///var/run/docker.sock. Is the docker daemon running?\n' });
    const err = await rejection(engineWith(runner).up({ stateDir: state.dir, index: loadFixture() }));
    assert.ok(err instanceof KindUpError && err.cause instanceof PreflightError);
    assert.equal(err.step, 'preflight');
    assert.match(err.message, /docker: the Docker daemon is not reachable \(Cannot connect to the Docker daemon/);
    assert.match(err.message, /kubectl: not found on PATH; https:\/\/kubernetes\.io\/docs\/tasks\/tools/);
    assert.match(err.message, /^the kind engine cannot start, nothing was created:\n  /);
    assert.equal(err.message.split('\n').length, 3, 'one line per missing tool');
    assert.doesNotMatch(err.message, /command log|cleaned up/);
    assert.ok(
      runner.lines().every((l) => /^(docker info|kind version|kubectl version|istioctl version)/.test(l)),
      runner.lines().join('\n'),
    );
    assert.equal(existsSync(join(state.dir, 'pki.json')), false);
  });

  it("a failed preflight leaves a running sandbox's CA alone", async () => {
    writeFileSync(join(state.dir, 'pki.json'), JSON.stringify(await createSandboxPki({ clusters: ['east', 'west'] })), { mode: 0o600 });
    const err = await rejection(engineWith(healthyMachine().override(/^docker info/, 'not-found')).up({ stateDir: state.dir, index: loadFixture() }));
    assert.match(err.message, /docker: not found on PATH/);
    assert.ok(existsSync(join(state.dir, 'pki.json')));
  });

  it('refuses unsupported versions', async () => {
    const runner = healthyMachine().override(/^istioctl version/, { stdout: 'client version: 1.19.3\n' });
    const err = await rejection(engineWith(runner).up({ stateDir: state.dir, index: loadFixture() }));
    assert.match(err.message, /istioctl: version 1\.19\.3 is not supported \(need >= 1\.28\.0 and < 1\.29\.0\)/);
  });

  it('reuses a cluster that exists and answers, creating only the missing one', async () => {
    const pki = await createSandboxPki({ clusters: ['east', 'west'] });
    writeFileSync(join(state.dir, 'pki.json'), JSON.stringify(pki), { mode: 0o600 });
    const runner = healthyMachine().override(/^kind get clusters/, { stdout: 'ztn-east\nsomeone-elses\n' });
    const progress: string[] = [];
    await engineWith(runner).up({ stateDir: state.dir, index: loadFixture(), onProgress: (e) => progress.push(e.message) });
    const lines = runner.lines();
    assert.ok(lines.includes(`kind export kubeconfig --name ztn-east --kubeconfig ${state.dir}/kubeconfig`));
    assert.ok(lines.includes(`kubectl --kubeconfig ${state.dir}/kubeconfig --context kind-ztn-east get --raw /readyz`));
    assert.ok(!lines.some((l) => l.startsWith('kind create cluster --name ztn-east')));
    assert.ok(lines.some((l) => l.startsWith('kind create cluster --name ztn-west')));
    assert.ok(!lines.some((l) => l.startsWith('kind delete')));
    assert.ok(progress.includes('ztn-east exists and its API answers: reused'));
    // The kept CA is the one installed: the cluster's istiod still trusts it.
    assert.equal(readFileSync(join(state.dir, 'east/cacerts/root-cert.pem'), 'utf8'), pki.root.certPem);
  });

  it('keeps what is healthy on a second up: no Istio or MetalLB reinstall unless its configuration changed', async () => {
    const healthy = ['istio-system/istiod', 'istio-system/istio-eastwestgateway', 'metallb-system/controller'];
    const apis = { east: new RecordingClusterApi([], false, healthy), west: new RecordingClusterApi([], false, healthy) };
    await engineWith(healthyMachine(), apis).up({ stateDir: state.dir, index: loadFixture() });

    const again = healthyMachine().override(/^kind get clusters/, { stdout: 'ztn-east\nztn-west\n' });
    const progress: string[] = [];
    await engineWith(again, apis).up({ stateDir: state.dir, index: loadFixture(), onProgress: (e) => progress.push(e.message) });
    assert.deepEqual(
      again.lines().filter((l) => /^istioctl install|metallb-native|^kind (create|delete)/.test(l)),
      [],
    );
    assert.ok(progress.includes('east: istiod is available and istio.yaml unchanged: kept'));
    assert.ok(progress.includes('west: istio-eastwestgateway is available and eastwest-gateway.yaml unchanged: kept'));
    assert.ok(progress.includes('west: MetalLB is available: kept'));

    const changed = loadFixture();
    changed.config.sandbox.certLifetime = '3h';
    const third = healthyMachine().override(/^kind get clusters/, { stdout: 'ztn-east\nztn-west\n' });
    await engineWith(third, apis).up({ stateDir: state.dir, index: changed });
    assert.deepEqual(
      third
        .lines()
        .filter((l) => l.startsWith('istioctl install'))
        .map((l) => l.split(' ').pop()),
      [`${state.dir}/east/istio.yaml`, `${state.dir}/west/istio.yaml`],
    );
  });

  it('recreates an existing cluster whose API does not answer', async () => {
    const runner = healthyMachine()
      .override(/^kind get clusters/, { stdout: 'ztn-east\n' })
      .override(/get --raw \/readyz/, { code: 1, stderr: 'The connection to the server 127.0.0.1:39745 was refused\n' });
    await engineWith(runner).up({ stateDir: state.dir, index: loadFixture() });
    const lines = runner.lines();
    const del = lines.indexOf(`kind delete cluster --name ztn-east --kubeconfig ${state.dir}/kubeconfig`);
    assert.ok(del >= 0 && lines.findIndex((l) => l.startsWith('kind create cluster --name ztn-east')) > del);
  });

  it('a failing step in the middle deletes the clusters this run created, removes the CA keys and says so', async () => {
    const runner = healthyMachine().override(/^istioctl install -y .*kind-ztn-west .*west\/istio\.yaml/, {
      code: 1,
      stderr: 'Error: failed to install manifests: context deadline exceeded\n',
    });
    const err = await rejection(engineWith(runner).up({ stateDir: state.dir, index: loadFixture() }));
    assert.ok(err instanceof KindUpError);
    assert.equal(err.step, 'istio');
    assert.match(err.message, /step 'istio' failed: istioctl install -y .* exited with 1: Error: failed to install manifests: context deadline exceeded/);
    assert.match(err.message, /cleaned up: kind cluster ztn-east, kind cluster ztn-west, sandbox CA keys/);
    assert.match(err.message, new RegExp(`command log: ${state.dir}/commands.log`));
    const lines = runner.lines();
    const failedAt = lines.findIndex((l) => l.includes('west/istio.yaml'));
    assert.deepEqual(lines.slice(failedAt + 1), [
      `kind delete cluster --name ztn-east --kubeconfig ${state.dir}/kubeconfig`,
      `kind delete cluster --name ztn-west --kubeconfig ${state.dir}/kubeconfig`,
    ]);
    assert.equal(existsSync(join(state.dir, 'pki.json')), false);
    assert.equal(existsSync(join(state.dir, 'east/cacerts')), false);
    assert.equal(existsSync(join(state.dir, 'state.json')), false);
    assert.ok(existsSync(join(state.dir, 'commands.log')));
  });

  it('keeps reused clusters and the CA when a later step fails', async () => {
    writeFileSync(join(state.dir, 'pki.json'), JSON.stringify(await createSandboxPki({ clusters: ['east', 'west'] })), { mode: 0o600 });
    const runner = healthyMachine()
      .override(/^kind get clusters/, { stdout: 'ztn-east\n' })
      .override(/^istioctl create-remote-secret/, { code: 1, stderr: 'Error: could not get server address\n' });
    const err = await rejection(engineWith(runner).up({ stateDir: state.dir, index: loadFixture() }));
    assert.match(err.message, /cleaned up: kind cluster ztn-west; kept/);
    assert.match(err.message, /kept \(healthy, reused by the next up\): ztn-east/);
    assert.ok(!runner.lines().includes(`kind delete cluster --name ztn-east --kubeconfig ${state.dir}/kubeconfig`));
    assert.ok(existsSync(join(state.dir, 'pki.json')));
  });

  it('a command that times out fails its step and cleans up the same way', async () => {
    const runner = healthyMachine().override(/-n metallb-system wait --for=condition=Available/, 'timeout');
    const err = await rejection(engineWith(runner).up({ stateDir: state.dir, index: loadFixture() }));
    assert.ok(err instanceof KindUpError);
    assert.equal(err.step, 'load-balancer');
    assert.match(err.message, /timed out after \d+s: kubectl .* wait --for=condition=Available deployment\/controller/);
    assert.match(err.message, /cleaned up: kind cluster ztn-east, kind cluster ztn-west/);
  });

  it('gives up waiting for remote secrets to sync after the poll timeout', async () => {
    const runner = healthyMachine().override(/^istioctl remote-clusters/, {
      stdout: 'NAME SECRET STATUS ISTIOD\nwest istio-system/istio-remote-secret-west timeout istiod-1\n',
    });
    const err = await rejection(engineWith(runner).up({ stateDir: state.dir, index: loadFixture() }));
    assert.equal((err as KindUpError).step, 'remote-secrets');
    assert.match(err.message, /remote clusters west in east not ready/);
  });

  it('a rollout that never completes keeps the healthy clusters for the next run', async () => {
    const apis = { east: new RecordingClusterApi([], true) };
    const runner = healthyMachine();
    const err = await rejection(engineWith(runner, apis).up({ stateDir: state.dir, index: loadFixture() }));
    assert.equal((err as KindUpError).step, 'deploy');
    assert.match(err.message, /Deployment shop\/cart/);
    assert.match(err.message, /kept \(healthy, reused by the next up\): ztn-east, ztn-west/);
    assert.ok(!runner.lines().some((l) => l.startsWith('kind delete')));
  });

  it('cancel stops between steps and cleans up what the run created', async () => {
    const controller = new AbortController();
    const runner = healthyMachine().override(/^kind create cluster --name ztn-west/, () => {
      controller.abort();
      return {};
    });
    const err = await rejection(engineWith(runner).up({ stateDir: state.dir, index: loadFixture(), signal: controller.signal }));
    assert.match(err.message, /step 'clusters' failed: cancelled before load-balancer; cleaned up: kind cluster ztn-east, kind cluster ztn-west/);
    assert.ok(!runner.lines().some((l) => l.includes('metallb')));
  });

  it('down without kind on PATH is a one-line sandbox error, not a crash', async () => {
    const err = await rejection(engineWith(healthyMachine().override(/^kind get clusters/, 'not-found')).down({ stateDir: state.dir, index: loadFixture() }));
    assert.ok(err instanceof SandboxError);
    assert.equal(err.message, "kind sandbox down: 'kind' was not found on PATH");
  });

  it('status reads the state and asks each cluster; down deletes the clusters and the state folder', async () => {
    const runner = healthyMachine();
    const engine = engineWith(runner);
    const ctx = { stateDir: state.dir, index: loadFixture() };
    assert.equal((await engine.status(ctx)).running, false);
    await engine.up(ctx);
    runner.override(/^kind get clusters/, { stdout: 'ztn-east\nztn-west\n' }).override(/kind-ztn-west get --raw \/readyz/, { code: 1 });
    const status = await engine.status(ctx);
    assert.equal(status.running, false);
    assert.deepEqual(
      (status.details?.clusters as { name: string; healthy: boolean }[]).map((c) => [c.name, c.healthy]),
      [
        ['east', true],
        ['west', false],
      ],
    );
    assert.deepEqual(
      status.workloads.map((w) => w.id),
      ['east/shop/cart', 'east/shop/frontend', 'west/shop/payments', 'west/istio-system/istio-eastwestgateway'],
    );

    await engine.down(ctx);
    assert.ok(runner.lines().includes(`kind delete cluster --name ztn-west --kubeconfig ${state.dir}/kubeconfig`));
    assert.equal(existsSync(state.dir), false);
  });

  it('up ignores its folder in git and records its manifests; replay refuses once they changed, unless allowed', async () => {
    const engine = engineWith(healthyMachine());
    const ctx = { stateDir: state.dir, index: loadFixture() };
    await engine.up(ctx);
    assert.equal(readFileSync(join(state.dir, '.gitignore'), 'utf8'), STATE_GITIGNORE);
    assert.equal(statSync(join(state.dir, WORKSPACE_STAMP)).mode & 0o777, 0o600);
    writeFileSync(join(state.dir, WORKSPACE_STAMP), JSON.stringify({ hash: 'of other manifests', files: 1 }));
    const err = await rejection(engine.replay(ctx, { name: 't', calls: [] } as never));
    assert.ok(isStaleSandboxError(err), err.message);
    assert.match(err.message, /^sandbox is stale: started from other manifests/);
    const anyway = await engine.replay(ctx, { name: 't', calls: [] } as never, { allowStale: true });
    assert.equal(anyway.calls.length, 0);
  });
});
