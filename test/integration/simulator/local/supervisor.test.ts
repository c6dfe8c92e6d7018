// The sandbox as users run it: a detached supervisor started by `up`, seen by openssl, replayed, verified, and
// stopped by `down` (also after a crash) leaving no process, port or key behind.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { main } from '../../../../src/cli/main';
import type { Io } from '../../../../src/cli/usage';
import type { SandboxContext, LocalSandboxStatus } from '../../../../simulator/engine';
import { LocalEngine } from '../../../../simulator/local/engine';
import { SUPERVISOR_NODE_FLAGS } from '../../../../simulator/local/lifecycle';
import { FIXTURE, fixtureIndex, fixtureTraffic } from './fixture';
import type { TrafficCall } from '../../../../src/policy/types';

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

function walk(dir: string): string[] {
  if (!existsSync(dir)) return [];
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => (e.isDirectory() ? walk(join(dir, e.name)) : [join(dir, e.name)]));
}

/** True when nothing listens on address:port any more (binding it succeeds). */
function portFree(address: string, port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const server = createServer();
    server.once('error', () => resolve(false));
    server.listen(port, address, () => server.close(() => resolve(true)));
  });
}

async function cli(args: string[]): Promise<{ code: number; out: string; err: string }> {
  let out = '';
  let err = '';
  const io: Io = { out: (t) => (out += t), err: (t) => (err += t), cwd: FIXTURE };
  const code = await main(args, io);
  return { code, out, err };
}

function openssl(args: string[], input: string): { status: number | null; output: string } {
  const r = spawnSync('openssl', args, { input, encoding: 'utf8', timeout: 10_000 });
  return { status: r.status, output: `${r.stdout}\n${r.stderr}` };
}

describe('local sandbox supervisor', function () {
  this.timeout(60_000);
  const engine = new LocalEngine();
  let stateDir: string;
  let ctx: SandboxContext;
  let status: LocalSandboxStatus;

  before(async () => {
    stateDir = mkdtempSync(join(tmpdir(), 'ztn-sandbox-'));
    ctx = { stateDir, index: fixtureIndex() };
    // Started as the extension starts it inside VS Code desktop, where process.execPath is Electron's binary.
    Object.defineProperty(process.versions, 'electron', { value: '0.0.0-test', configurable: true });
    try {
      status = await engine.up(ctx);
    } finally {
      delete (process.versions as { electron?: string }).electron;
    }
  });
  after(async () => {
    await engine.down(ctx).catch(() => undefined);
    rmSync(stateDir, { recursive: true, force: true });
  });

  const address = (id: string) => status.workloads.find((w) => w.id === id)!.address;
  const keyDir = (id: string) => join(stateDir, 'certs', ...id.split('/'));

  it('up returns with every listener ready, addresses and certificate expiry listed, keys 0600', async () => {
    assert.equal(status.running, true);
    const cart = status.workloads.find((w) => w.id === 'east/shop/cart')!;
    assert.match(cart.address, /^127\.\d+\.\d+\.\d+$/);
    assert.deepEqual(cart.ports, [8080]);
    assert.equal(cart.identity, 'spiffe://cluster.local/ns/shop/sa/cart');
    assert.ok(Date.parse(cart.certExpiresAt!) > Date.now() + 50 * 60_000, 'default lifetime 1h');
    assert.equal(statSync(join(keyDir('east/shop/cart'), 'key.pem')).mode & 0o777, 0o600);
    assert.equal(statSync(join(stateDir, 'state.json')).mode & 0o777, 0o600, 'the state file holds the control token');
    assert.equal(await portFree(cart.address, 8080), false, 'the sidecar listens');
  });

  it('the supervisor runs with the young generation it is tuned for (fewer collections pausing calls)', function () {
    const cmdline = `/proc/${status.details?.pid as number}/cmdline`;
    if (!existsSync(cmdline)) this.skip(); // no procfs (not Linux): nothing to read the flags from
    const argv = readFileSync(cmdline, 'utf8').split('\0');
    for (const flag of SUPERVISOR_NODE_FLAGS) assert.ok(argv.includes(flag), `${flag} in ${argv.join(' ')}`);
  });

  it('the supervisor is told to run as Node when started from Electron (ELECTRON_RUN_AS_NODE)', function () {
    const environ = `/proc/${status.details?.pid as number}/environ`;
    if (!existsSync(environ)) this.skip(); // no procfs (not Linux)
    assert.ok(readFileSync(environ, 'utf8').split('\0').includes('ELECTRON_RUN_AS_NODE=1'));
  });

  it('up twice reports the running sandbox instead of starting another', async () => {
    const again = await engine.up(ctx);
    assert.equal(again.details?.alreadyRunning, true);
    assert.equal(again.details?.pid, status.details?.pid);
  });

  it("status reports the supervisor's descriptors, its open-file limit and its connections per proxy kind", async () => {
    const seen = await engine.status(ctx);
    const resources = seen.engine === 'local' ? seen.details.resources : undefined;
    assert.ok(resources, 'resources in status');
    assert.deepEqual(Object.keys(resources.connections).sort(), ['app', 'gateway', 'inbound', 'outbound']);
    assert.equal(typeof resources.idlePooled, 'number');
    if (process.platform === 'linux') {
      assert.ok(resources.descriptors !== undefined && resources.descriptors > 0);
      assert.ok(resources.descriptorLimit !== undefined && resources.descriptorLimit >= resources.descriptors);
    }
  });

  it('openssl s_client is refused on a STRICT port without a mesh certificate, and served with one', () => {
    const target = `${address('east/shop/cart')}:8080`;
    const request = 'GET /from-openssl HTTP/1.1\r\nHost: cart\r\nConnection: close\r\n\r\n';
    const base = [
      's_client',
      '-connect',
      target,
      '-servername',
      'outbound_.8080_._.cart.shop.svc.cluster.local',
      '-CAfile',
      join(keyDir('east/shop/frontend'), 'root-cert.pem'),
      '-quiet',
      '-verify_return_error',
    ];
    const without = openssl(base, request);
    assert.doesNotMatch(without.output, /HTTP\/1\.1 200/);
    assert.match(without.output, /alert|error|errno|closed/i, without.output);
    const chain = join(keyDir('east/shop/frontend'), 'cert-chain.pem');
    const withCert = openssl([...base, '-cert', chain, '-cert_chain', chain, '-key', join(keyDir('east/shop/frontend'), 'key.pem')], request);
    assert.match(withCert.output, /HTTP\/1\.1 200/, withCert.output);
    assert.match(withCert.output, /URI=spiffe:\/\/cluster\.local\/ns\/shop\/sa\/frontend/, 'the app saw the verified identity in XFCC');
  });

  it('replays through the supervisor and agrees with the engine on every call', async () => {
    const result = await engine.replay(ctx, fixtureTraffic(), { concurrency: 4 });
    const disagreements = result.calls.filter((c) => !c.agrees).map((c) => `${c.name}: ${c.verdict} vs ${JSON.stringify(c.observed)}`);
    assert.deepEqual(disagreements, []);
    assert.equal(result.summary.expectationsFailed, 0);
    assert.equal(result.summary.total, fixtureTraffic().calls.length);
  });

  it('a call no client can send (space in the path, bad header name or value, method with spaces) is a per-call error with file:line; the rest replay', async () => {
    const good = fixtureTraffic().calls[0];
    const bad: TrafficCall[] = [
      { ...good, name: 'space-path', protocol: 'http' as const, path: '/a b' },
      { ...good, name: 'bad-header-name', protocol: 'http' as const, headers: { 'x bad': '1' } },
      { ...good, name: 'bad-header-value', protocol: 'http' as const, headers: { 'x-ok': 'a\r\nInjected: 1' } },
      { ...good, name: 'spaced-method', protocol: 'http' as const, method: 'GET ME' },
    ];
    const traffic = { name: 'unsendable', file: 'traffic.yaml', lines: [3, 9, 15, 21, 27], calls: [...bad, good] };
    const result = await engine.replay(ctx, traffic, { concurrency: 2 });
    assert.equal(result.calls.length, 5);
    bad.forEach((call, i) => {
      const detail = result.calls[i].explanation.at(-1)?.detail ?? '';
      assert.match(detail, new RegExp(`^traffic\\.yaml:${traffic.lines[i]}: cannot be sent: `), `${call.name}: ${detail}`);
      assert.equal(result.calls[i].observed, undefined);
    });
    assert.equal(result.calls[4].agrees, true, JSON.stringify(result.calls[4].observed));
  });

  it('ztn sandbox verify exits 0 when wire, engine and expectations agree, 1 on a mismatch, with JUnit and HTML reports', async () => {
    const ok = await cli(['sandbox', 'verify', FIXTURE, '--state-dir', stateDir, '--traffic', join(FIXTURE, 'traffic.yaml'), '--format', 'junit']);
    assert.equal(ok.code, 0, ok.err);
    assert.match(ok.out, /<testsuite name="[^"]*" tests="10" failures="0"/);
    const wrong = join(stateDir, 'wrong-expectation.yaml');
    writeFileSync(
      wrong,
      'apiVersion: ztn.dev/v1alpha1\nkind: TrafficReplay\nmetadata: {name: wrong}\ncalls:\n  - from: east/shop/reviewer\n    to: cart:8080\n    expect: {allowed: true}\n',
    );
    const html = join(stateDir, 'report.html');
    const bad = await cli(['sandbox', 'verify', FIXTURE, '--state-dir', stateDir, '--traffic', wrong, '--html', html]);
    assert.equal(bad.code, 1);
    assert.match(bad.out, /FAIL .*east\/shop\/reviewer -> east\/shop\/cart:8080/);
    assert.match(bad.out, /expected allowed true, observed false \(denied-by-authorization\)/);
    assert.match(bad.out, /authorization: .*does not match/, 'the engine explanation chain is shown');
    const page = readFileSync(html, 'utf8');
    assert.match(page, /Content-Security-Policy" content="default-src 'none'; style-src 'sha256-/);
    assert.doesNotMatch(page, /<script/);
    const last = await cli(['sandbox', 'verify', FIXTURE, '--state-dir', stateDir, '--format', 'json']);
    assert.equal(last.code, 1, 'verify without --traffic checks the last replay');
    assert.equal(JSON.parse(last.out).verification.expectationsFailed, 1);
  });

  it('bad input ends with exit 2 and one line: a broken traffic file, an unknown action', async () => {
    const broken = join(stateDir, 'broken.yaml');
    writeFileSync(broken, 'apiVersion: ztn.dev/v1alpha1\nkind: TrafficReplay\ncalls:\n  - from: 12\n');
    const r = await cli(['sandbox', 'replay', FIXTURE, '--state-dir', stateDir, '--traffic', broken]);
    assert.equal(r.code, 2);
    assert.match(r.err, /^ztn sandbox: .*broken\.yaml:\d+:\d+: .+\n$/);
    const unknown = await cli(['sandbox', 'launch', FIXTURE]);
    assert.equal(unknown.code, 2);
    assert.match(unknown.err, /unknown action 'launch'/);
  });

  it('down leaves no process, port or key behind', async () => {
    const pid = status.details?.pid as number;
    const cart = address('east/shop/cart');
    await engine.down(ctx);
    assert.equal(alive(pid), false, 'supervisor gone');
    assert.deepEqual(walk(join(stateDir, 'certs')), [], 'no key files');
    assert.equal(existsSync(join(stateDir, 'state.json')), false);
    assert.equal(await portFree(cart, 8080), true, 'port released');
    assert.equal((await engine.status(ctx)).running, false);
    const replay = await cli(['sandbox', 'replay', FIXTURE, '--state-dir', stateDir, '--traffic', join(FIXTURE, 'traffic.yaml')]);
    assert.equal(replay.code, 2);
    assert.match(replay.err, /no sandbox is running .*run `ztn sandbox up` first/);
  });

  it('after a supervisor crash, status reports stale files and down removes every key', async () => {
    const started = await engine.up(ctx);
    const pid = started.details?.pid as number;
    process.kill(pid, 'SIGKILL');
    for (let i = 0; i < 100 && alive(pid); i++) await new Promise((r) => setTimeout(r, 20));
    assert.ok(
      walk(join(stateDir, 'certs')).some((f) => f.endsWith('key.pem')),
      'a crash leaves keys behind',
    );
    const seen = await engine.status(ctx);
    assert.equal(seen.running, false);
    assert.equal(seen.details?.stale, true);
    await engine.down(ctx);
    assert.deepEqual(walk(join(stateDir, 'certs')), []);
    assert.equal(existsSync(join(stateDir, 'supervisor.lock')), false);
  });
});
