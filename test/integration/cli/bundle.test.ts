// The `ztn` users run is dist/cli.js: it starts without the sandbox engines (the kind engine's Kubernetes client, the
// local one's X.509 library) and loads dist/sandbox-kind.js or dist/sandbox-local.js when a sandbox is asked for.
import { strict as assert } from 'node:assert';
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { testCertificates } from '../../helpers/testCertificates';
import { FIXTURE_DIR, GOLDEN_DIR } from '../../helpers/kindFixture';

const ROOT = join(__dirname, '..', '..', '..');
const CLI = join(ROOT, 'dist', 'cli.js');

function ztn(args: string[], cwd = ROOT, env: NodeJS.ProcessEnv = process.env): { code: number | null; out: string; err: string } {
  const r = spawnSync(process.execPath, [CLI, ...args], { cwd, encoding: 'utf8', timeout: 60_000, env });
  return { code: r.status, out: r.stdout, err: r.stderr };
}

describe('the bundled ztn (dist/cli.js)', function () {
  this.timeout(120_000);

  before(function () {
    // `npm ci` builds dist/ (prepare); a checkout where only the tests run builds it here.
    if (!['cli.js', 'cli.inputs.json', 'sandbox-kind.js', 'sandbox-local.js', 'x509-reader.js'].every((f) => existsSync(join(ROOT, 'dist', f)))) {
      const b = spawnSync(process.execPath, [join(ROOT, 'scripts', 'build.mjs')], { cwd: ROOT, encoding: 'utf8' });
      assert.equal(b.status, 0, b.stderr);
    }
  });

  // The inputs each bundle was built from (scripts/build.mjs writes them for development and production builds alike).
  const inputs = (bundle: string) => JSON.parse(readFileSync(join(ROOT, 'dist', bundle.replace(/\.js$/, '.inputs.json')), 'utf8')) as string[];
  const holds = (bundle: string, pkg: string) => inputs(bundle).some((f) => f.startsWith(`node_modules/${pkg}/`));

  it('leaves the sandbox engines, the Kubernetes client and the X.509 library out of the bundle every command loads', () => {
    assert.ok(!holds('cli.js', '@kubernetes/client-node'), 'dist/cli.js bundles @kubernetes/client-node');
    assert.ok(!holds('cli.js', '@peculiar/x509'), 'dist/cli.js bundles @peculiar/x509');
    assert.ok(!inputs('cli.js').some((f) => f.startsWith('simulator/local/') || f.startsWith('simulator/kind/')), 'dist/cli.js bundles a sandbox engine');
    assert.ok(holds('sandbox-kind.js', '@kubernetes/client-node'));
    assert.ok(inputs('sandbox-local.js').includes('simulator/local/engine.ts'));
  });

  it('lints the example', () => {
    const r = ztn(['lint', 'examples', '--format', 'json']);
    assert.equal(r.code, 1, r.err); // the example has deliberate gaps
    const report = JSON.parse(r.out) as { findings: { ruleId: string }[] };
    assert.ok(report.findings.length > 0);
  });

  it('loads the kind engine from its own bundle: up --dry-run prints the golden plan', () => {
    const r = ztn(['sandbox', 'up', '.', '--engine', 'kind', '--dry-run', '--state-dir', '/nonexistent/ztn-state/kind'], FIXTURE_DIR);
    assert.equal(r.code, 0, r.err);
    assert.equal(r.out, readFileSync(join(GOLDEN_DIR, 'up-plan.txt'), 'utf8'));
  });

  it('runs the local engine without the kind bundle: status of no sandbox', () => {
    const r = ztn(['sandbox', 'status', 'examples', '--engine', 'local', '--state-dir', join(tmpdir(), `ztn-no-sandbox-${process.pid}`)]);
    assert.equal(r.code, 0, r.err);
    assert.match(r.out, /^no local sandbox is running/);
  });

  // Errors raised inside an engine's own bundle are the user's next step (exit 2), not internal errors (exit 3).
  it('a missing or stopped prerequisite of the kind engine is exit 2 with one line per tool', () => {
    const bin = mkdtempSync(join(tmpdir(), 'ztn-fake-docker-'));
    // A docker CLI whose daemon is not running; kind, kubectl and istioctl are not on this PATH at all.
    writeFileSync(
      join(bin, 'docker'),
      '#!/bin/sh\necho "Cannot connect to the Docker daemon at unix:///var/run/docker.sock. Is the docker daemon running?" >&2\nexit 1\n',
      { mode: 0o755 },
    );
    try {
      const r = ztn(['sandbox', 'up', '.', '--engine', 'kind', '--state-dir', join(bin, 'state')], FIXTURE_DIR, { ...process.env, PATH: bin });
      assert.equal(r.code, 2, r.err);
      assert.doesNotMatch(r.err, /internal error|please report/);
      const lines = r.err.split('\n').filter((l) => /^ {2}(docker|kind|kubectl|istioctl): /.test(l));
      assert.deepEqual(
        lines.map((l) => l.trim().split(':')[0]),
        ['docker', 'kind', 'kubectl', 'istioctl'],
      );
      assert.match(lines[0], /Docker daemon is not reachable .*start Docker Desktop or the docker service/);
      assert.match(lines[1], /kind: not found on PATH; go install sigs\.k8s\.io\/kind/);
    } finally {
      rmSync(bin, { recursive: true, force: true });
    }
  });

  it('the local engine bundle says a sandbox is not running with exit 2', () => {
    const r = ztn([
      'sandbox',
      'replay',
      'examples',
      '--engine',
      'local',
      '--traffic',
      'examples/traffic.yaml',
      '--state-dir',
      join(tmpdir(), `ztn-no-sandbox-${process.pid}`),
    ]);
    assert.equal(r.code, 2, r.err);
    assert.match(r.err, /no sandbox is running/);
    assert.doesNotMatch(r.err, /internal error/);
  });

  it('loads the X.509 parser from its own bundle when a manifest holds a certificate', () => {
    const dir = mkdtempSync(join(tmpdir(), 'ztn-cert-'));
    const { expired } = testCertificates([{ name: 'expired', cn: 'old.shop', key: 'EC', fromDays: -400, toDays: -3 }]);
    const data = Buffer.from(expired).toString('base64');
    writeFileSync(
      join(dir, 'tls.yaml'),
      `apiVersion: v1\nkind: Secret\nmetadata: {name: web-tls, namespace: shop}\ntype: kubernetes.io/tls\ndata:\n  tls.crt: ${data}\n  tls.key: ""\n`,
    );
    try {
      const r = ztn(['lint', dir, '--format', 'json']);
      assert.equal(r.code, 1, r.err);
      const report = JSON.parse(r.out) as { findings: { ruleId: string; message: string }[] };
      assert.ok(
        report.findings.some((f) => f.ruleId === 'ZT0308' && /expired/.test(f.message)),
        r.out,
      );
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
