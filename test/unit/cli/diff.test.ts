// `ztn diff` through main(argv, io): real git history in temp repositories, two folders, formats and exit codes.
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { cpSync, mkdtempSync, readFileSync, rmSync, symlinkSync, unlinkSync, writeFileSync, existsSync, readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { main } from '../../../src/cli/main';

const FIXTURES = join(__dirname, '../../fixtures/diff');

async function ztn(argv: string[], cwd: string) {
  let out = '';
  let err = '';
  const code = await main(argv, { out: (t) => (out += t), err: (t) => (err += t), cwd });
  return { code, out, err };
}

function git(repo: string, ...args: string[]): string {
  return execFileSync('git', ['-C', repo, '-c', 'user.email=t@example.com', '-c', 'user.name=t', '-c', 'commit.gpgsign=false', ...args], {
    encoding: 'utf8',
  }).trim();
}

function commitAll(repo: string, message: string): string {
  git(repo, 'add', '-A');
  git(repo, 'commit', '-q', '-m', message);
  return git(repo, 'rev-parse', 'HEAD');
}

function json(out: string) {
  return JSON.parse(out);
}

function ztnTemps(): string[] {
  return readdirSync(tmpdir()).filter((n) => n.startsWith('ztn-diff-'));
}

describe('ztn diff', () => {
  let repo: string;
  let base: string;
  beforeEach(() => {
    repo = mkdtempSync(join(tmpdir(), 'ztn-diff-repo-'));
    git(repo, 'init', '-q', '-b', 'main');
    cpSync(join(FIXTURES, 'base'), repo, { recursive: true });
    base = commitAll(repo, 'base: cart only allows frontend, STRICT');
    git(repo, 'checkout', '-q', '-b', 'change');
  });
  afterEach(() => rmSync(repo, { recursive: true, force: true }));

  it('an AuthorizationPolicy removed: the call from another namespace is newly allowed, with the deciding policy and file:line', async () => {
    unlinkSync(join(repo, 'authz.yaml'));
    const head = commitAll(repo, 'remove the cart policy');
    const r = await ztn(['diff', '--base', base, '--head', head, '--traffic', 'traffic.yaml', '--format', 'json'], repo);
    assert.equal(r.err, '');
    const d = json(r.out);
    assert.equal(d.apiVersion, 'ztn.dev/v1alpha1');
    assert.equal(d.kind, 'MeshDiff');
    assert.equal(d.verdictChanges.length, 1);
    const v = d.verdictChanges[0];
    assert.equal(v.change, 'opened');
    assert.equal(v.from, 'cluster1/legacy/batch');
    assert.equal(v.crossNamespace, true);
    assert.equal(v.base.verdict, 'denied-by-authorization');
    assert.deepEqual([v.base.decidedBy.policy, v.base.decidedBy.file, v.base.decidedBy.line], ['AuthorizationPolicy shop/cart', 'authz.yaml', 3]);
    assert.equal(v.head.verdict, 'allowed');
    assert.equal(d.summary.crossNamespaceOpened, 1);
    // Opened over mTLS is reported but does not fail the default --fail-on (plaintext,denied-expected).
    assert.equal(r.code, 0);
    assert.equal((await ztn(['diff', '--base', base, '--head', head, '--traffic', 'traffic.yaml', '--fail-on', 'opened'], repo)).code, 1);
    // The working tree and the index are untouched.
    assert.equal(git(repo, 'status', '--porcelain'), '');
  });

  it('PeerAuthentication STRICT -> PERMISSIVE: the server mode is weaker and the default --fail-on fails', async () => {
    writeFileSync(join(repo, 'mtls.yaml'), readFileSync(join(repo, 'mtls.yaml'), 'utf8').replace('STRICT', 'PERMISSIVE'));
    commitAll(repo, 'permissive');
    // Base defaults to the merge-base with main, head to the working tree.
    const r = await ztn(['diff', '--format', 'json'], repo);
    assert.equal(r.code, 1, r.err);
    const d = json(r.out);
    assert.deepEqual(d.serverModeChanges, [
      { workload: 'cluster1/shop/cart', port: 8080, base: 'STRICT', head: 'PERMISSIVE', weaker: true, namespace: 'shop' },
    ]);
    assert.ok(d.findingsAdded.some((f: { ruleId: string; file: string; line: number }) => f.ruleId === 'ZT0201' && f.file === 'mtls.yaml' && f.line === 5));
    assert.equal((await ztn(['diff', '--fail-on', 'never'], repo)).code, 0);
  });

  it('a ServiceAccount changed: an identity change; findings are matched by rule, object and message, not by line', async () => {
    writeFileSync(
      join(repo, 'app.yaml'),
      '# a comment moves every line\n' + readFileSync(join(repo, 'app.yaml'), 'utf8').replace('serviceAccountName: cart', 'serviceAccountName: cart2'),
    );
    commitAll(repo, 'new identity');
    const d = json((await ztn(['diff', '--base', 'main', '--head', 'HEAD', '--format', 'json'], repo)).out);
    assert.equal(d.identityChanges.length, 1);
    assert.equal(d.identityChanges[0].head.spiffeId, 'spiffe://cluster.local/ns/shop/sa/cart2');
    // Findings on other objects moved one line down and are neither new nor fixed.
    for (const f of [...d.findingsAdded, ...d.findingsFixed]) assert.match(f.message, /cart2?\b/);
  });

  it('a newly denied call the traffic file expects to work fails; text and markdown put it first', async () => {
    writeFileSync(join(repo, 'authz.yaml'), readFileSync(join(repo, 'authz.yaml'), 'utf8').replace('sa/frontend', 'sa/nobody'));
    commitAll(repo, 'break frontend');
    const r = await ztn(['diff', '--base', 'main', '--traffic', 'traffic.yaml'], repo);
    assert.equal(r.code, 1);
    assert.match(r.out.split('\n')[1], /newly denied, the traffic file expects it to work: .*frontend.*AuthorizationPolicy shop\/cart \(authz\.yaml:3\)/);
    const m = await ztn(['diff', '--base', 'main', '--traffic', 'traffic.yaml', '--format', 'markdown'], repo);
    assert.match(m.out, /\*\*Riskiest changes\*\*\n\n- newly denied, the traffic file expects it to work/);
    assert.match(m.out, /<details><summary>shop \(1\)<\/summary>/);
  });

  it('--edges allowed: every allowed pair of the matrix; a pair newly allowed is an edge added', async () => {
    unlinkSync(join(repo, 'authz.yaml'));
    const d = json((await ztn(['diff', '--base', 'main', '--edges', 'allowed', '--format', 'json'], repo)).out);
    assert.equal(d.edges, 'allowed');
    assert.ok(
      d.edgesAdded.some((e: { from: string; to: string }) => e.from === 'cluster1/legacy/batch' && e.to === 'cluster1/shop/cart'),
      JSON.stringify(d.edgesAdded),
    );
    assert.ok(d.verdictChanges.some((v: { change: string }) => v.change === 'opened'));
  });

  it('absolute paths on a ref side point into that revision, never at the working tree; outside the repository: exit 2', async () => {
    writeFileSync(join(repo, 'mtls.yaml'), readFileSync(join(repo, 'mtls.yaml'), 'utf8').replace('STRICT', 'PERMISSIVE'));
    const both = json((await ztn(['diff', repo, '--base', 'main', '--head', 'HEAD', '--config', join(repo, 'ztn.yaml'), '--format', 'json'], repo)).out);
    assert.deepEqual(both.serverModeChanges, []);
    const worktree = json((await ztn(['diff', repo, '--base', 'main', '--format', 'json', '--fail-on', 'never'], repo)).out);
    assert.equal(worktree.serverModeChanges.length, 1);
    const r = await ztn(['diff', tmpdir(), '--base', 'main'], repo);
    assert.equal(r.code, 2);
    assert.match(r.err, /outside the git repository/);
  });

  it('the same tree on both sides is loaded once: an empty diff, exit 0', async () => {
    git(repo, 'commit', '-q', '--allow-empty', '-m', 'nothing');
    const r = await ztn(['diff', '--base', 'main', '--head', 'HEAD', '--fail-on', 'opened,plaintext,denied-expected,findings'], repo);
    assert.equal(r.code, 0, r.err);
    assert.match(r.out, /^0 opened, 0 closed, .* 0 new finding\(s\), 0 fixed$/m);
  });

  it('two folders, SARIF holding only the new findings with regions on the head side', async () => {
    const r = await ztn(['diff', '--base', join(FIXTURES, 'base'), '--head', join(FIXTURES, 'head'), '--format', 'sarif', '--fail-on', 'findings'], tmpdir());
    assert.equal(r.code, 1);
    const results = json(r.out).runs[0].results;
    assert.ok(results.length > 0);
    const pa = results.find((x: { ruleId: string }) => x.ruleId === 'ZT0201');
    assert.equal(pa.locations[0].physicalLocation.artifactLocation.uri, 'mtls.yaml');
    assert.equal(pa.locations[0].physicalLocation.region.startLine, 5);
    assert.ok(!results.some((x: { message: { text: string } }) => /ServiceAccount shop\/cart,/.test(x.message.text)), 'a fixed finding is not in the SARIF');
  });

  it('--output writes the report; bad refs, folders and flags are exit 2 with one line', async () => {
    const out = join(repo, '..', `ztn-diff-out-${process.pid}.json`);
    try {
      assert.equal((await ztn(['diff', '--base', 'main', '--format', 'json', '--output', out], repo)).code, 0);
      assert.equal(json(readFileSync(out, 'utf8')).kind, 'MeshDiff');
    } finally {
      rmSync(out, { force: true });
    }
    for (const argv of [
      ['--base', 'no-such-ref'],
      ['--head=--upload-pack=x'],
      ['--format', 'xml'],
      ['--fail-on', 'sometimes'],
      ['--traffic', 'missing.yaml'],
    ]) {
      const r = await ztn(['diff', ...argv], repo);
      assert.equal(r.code, 2, `${argv.join(' ')}: ${r.err}`);
      assert.equal(r.err.trim().split('\n').length, 1, r.err);
      assert.match(r.err, /^ztn diff: /);
    }
    const outside = mkdtempSync(join(tmpdir(), 'ztn-diff-nogit-'));
    try {
      const r = await ztn(['diff', '--base', 'main'], outside);
      assert.equal(r.code, 2);
      assert.match(r.err, /not in a git repository/);
    } finally {
      rmSync(outside, { recursive: true, force: true });
    }
  });

  it('a hostile revision: symlinks are not written (nothing outside the checkout is read) and temp folders are removed', async () => {
    const secret = mkdtempSync(join(tmpdir(), 'ztn-diff-secret-'));
    writeFileSync(join(secret, 'pa.yaml'), readFileSync(join(repo, 'mtls.yaml'), 'utf8').replace('STRICT', 'DISABLE').replace('name: default', 'name: leaked'));
    try {
      symlinkSync(join(secret, 'pa.yaml'), join(repo, 'linked.yaml'));
      const head = commitAll(repo, 'a symlink out');
      unlinkSync(join(repo, 'linked.yaml'));
      const before = ztnTemps().length;
      const d = json((await ztn(['diff', '--base', base, '--head', head, '--format', 'json'], repo)).out);
      assert.deepEqual(d.serverModeChanges, []);
      assert.equal(ztnTemps().length, before);
      assert.ok(!existsSync(join(repo, 'linked.yaml')));
    } finally {
      rmSync(secret, { recursive: true, force: true });
    }
  });
});
