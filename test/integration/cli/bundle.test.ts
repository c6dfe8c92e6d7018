// The `ztn` users run is dist/cli.js: it starts without the sandbox engines (the kind engine's Kubernetes client, the
// local one's X.509 library) and loads dist/sandbox-kind.js or dist/sandbox-local.js when a sandbox is asked for.
import { strict as assert } from 'node:assert';
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { FIXTURE_DIR, GOLDEN_DIR } from '../../helpers/kindFixture';

const ROOT = join(__dirname, '..', '..', '..');
const CLI = join(ROOT, 'dist', 'cli.js');

function ztn(args: string[], cwd = ROOT): { code: number | null; out: string; err: string } {
  const r = spawnSync(process.execPath, [CLI, ...args], { cwd, encoding: 'utf8', timeout: 60_000 });
  return { code: r.status, out: r.stdout, err: r.stderr };
}

describe('the bundled ztn (dist/cli.js)', function () {
  this.timeout(120_000);

  before(function () {
    // `npm ci` builds dist/ (prepare); a checkout where only the tests run builds it here.
    if (!['cli.js', 'cli.inputs.json', 'sandbox-kind.js', 'sandbox-local.js'].every((f) => existsSync(join(ROOT, 'dist', f)))) {
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
});
