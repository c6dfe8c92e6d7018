// docs/diff.md's GitHub Actions example cannot rot: its `npx ztn diff` lines run on a fixture repository.
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { cpSync, mkdtempSync, readFileSync, rmSync, unlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { main } from '../../../src/cli/main';

const DOC = join(__dirname, '../../../docs/diff.md');
const FIXTURES = join(__dirname, '../../fixtures/diff');

/** The documented command lines, as argv after `npx ztn`, with the workflow's expression for the base branch filled in. */
function documentedDiffCommands(markdown: string): string[][] {
  const workflow = /```yaml\n([\s\S]*?)```/.exec(markdown)?.[1] ?? '';
  return workflow
    .split('\n')
    .map((l) => l.trim())
    .filter((l) => l.startsWith('npx ztn diff '))
    .map((l) => l.replace(/\$\{\{ github\.base_ref \}\}/g, 'main'))
    .map((l) => [...l.matchAll(/"([^"]*)"|(\S+)/g)].map((m) => m[1] ?? m[2]).slice(2));
}

function git(repo: string, ...args: string[]): void {
  execFileSync('git', ['-C', repo, '-c', 'user.email=t@example.com', '-c', 'user.name=t', '-c', 'commit.gpgsign=false', ...args]);
}

describe('docs/diff.md workflow example', () => {
  it('runs as documented: a markdown comment, a SARIF file and the deciding run', async () => {
    const commands = documentedDiffCommands(readFileSync(DOC, 'utf8'));
    assert.equal(commands.length, 3, JSON.stringify(commands));
    const repo = mkdtempSync(join(tmpdir(), 'ztn-diff-docs-'));
    try {
      git(repo, 'init', '-q', '-b', 'main');
      cpSync(join(FIXTURES, 'base'), repo, { recursive: true });
      git(repo, 'add', '-A');
      git(repo, 'commit', '-q', '-m', 'base');
      // What actions/checkout with fetch-depth: 0 leaves: the base branch as origin/<base_ref>, the pull request checked out.
      git(repo, 'update-ref', 'refs/remotes/origin/main', 'HEAD');
      git(repo, 'checkout', '-q', '-b', 'pull-request');
      unlinkSync(join(repo, 'authz.yaml'));
      git(repo, 'commit', '-q', '-a', '-m', 'drop the cart policy');
      const codes: number[] = [];
      for (const argv of commands) {
        let err = '';
        codes.push(await main(argv, { out: () => undefined, err: (t) => (err += t), cwd: repo }));
        assert.equal(err, '', argv.join(' '));
      }
      assert.deepEqual(codes, [0, 0, 0]);
      assert.match(readFileSync(join(repo, 'ztn-diff.md'), 'utf8'), /newly allowed from another namespace/);
      const sarif = JSON.parse(readFileSync(join(repo, 'ztn-diff.sarif'), 'utf8'));
      assert.ok(sarif.runs[0].results.some((r: { ruleId: string }) => r.ruleId === 'ZT0413'));
    } finally {
      rmSync(repo, { recursive: true, force: true });
    }
  });
});
