// Files that are not files: the bounded reader and the workspace walk read regular files only, never past the limit.
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { defaultConfig } from '../../../src/config/load';
import { readBoundedFile } from '../../../src/model/safeRead';
import { collectInputs, loadWorkspace } from '../../../src/model/workspace';
import { lint } from '../../../src/rules/engine';
import { makeHostileEntries, type HostileEntries } from '../../helpers/hostileEntries';

const NAMESPACE = 'apiVersion: v1\nkind: Namespace\nmetadata:\n  name: shop\n';

describe('readBoundedFile', () => {
  let dir: string;
  beforeEach(() => (dir = mkdtempSync(join(tmpdir(), 'ztn-read-'))));
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('reads a regular file, also through a symlink', () => {
    writeFileSync(join(dir, 'a.yaml'), 'kind: X\n');
    symlinkSync('a.yaml', join(dir, 'b.yaml'));
    assert.deepEqual(readBoundedFile(join(dir, 'a.yaml'), 100), { ok: true, text: 'kind: X\n' });
    assert.deepEqual(readBoundedFile(join(dir, 'b.yaml'), 100), { ok: true, text: 'kind: X\n' });
  });

  it('a FIFO without a writer is refused at once instead of waiting forever', () => {
    execFileSync('mkfifo', [join(dir, 'p.yaml')]);
    assert.deepEqual(readBoundedFile(join(dir, 'p.yaml'), 100), { ok: false, why: 'not-regular', reason: 'not a regular file (a FIFO)' });
  });

  it('a link to a device is refused (a device reports size 0 and never ends)', () => {
    symlinkSync('/dev/zero', join(dir, 'z.yaml'));
    assert.deepEqual(readBoundedFile(join(dir, 'z.yaml'), 100), { ok: false, why: 'not-regular', reason: 'not a regular file (a character device)' });
  });

  it('a file over the limit is not read; the limit holds while reading when the size lies', function () {
    writeFileSync(join(dir, 'big.yaml'), 'x'.repeat(101));
    assert.deepEqual(readBoundedFile(join(dir, 'big.yaml'), 100), { ok: false, why: 'too-large', reason: 'file is 101 bytes, over the limit of 100' });
    assert.deepEqual(readBoundedFile(join(dir, 'big.yaml'), 101), { ok: true, text: 'x'.repeat(101) });
    // /proc files are regular files that report size 0: only the bound on the read itself stops them.
    if (!existsSync('/proc/self/maps')) return this.skip();
    assert.deepEqual(readBoundedFile('/proc/self/maps', 10), { ok: false, why: 'too-large', reason: 'file is more than 10 bytes, over the limit of 10' });
  });

  it('a missing file or a folder is unreadable or not regular, never an exception', () => {
    assert.deepEqual(readBoundedFile(join(dir, 'none.yaml'), 100), { ok: false, why: 'unreadable', reason: 'cannot read file: ENOENT' });
    mkdirSync(join(dir, 'd.yaml'));
    assert.deepEqual(readBoundedFile(join(dir, 'd.yaml'), 100), { ok: false, why: 'not-regular', reason: 'not a regular file (a folder)' });
  });
});

describe('workspace walk over hostile entries', () => {
  let base: string;
  let dir: string;
  let hostile: HostileEntries;
  before(async () => {
    base = mkdtempSync(join(tmpdir(), 'ztn-walk-'));
    dir = join(base, 'repo');
    mkdirSync(dir);
    writeFileSync(join(base, 'secret.yaml'), 'kind: Secret\n');
    writeFileSync(join(dir, 'ns.yaml'), NAMESPACE);
    hostile = await makeHostileEntries(dir, join(base, 'secret.yaml'));
    // Symlinks that stay inside the walk are followed: a file (read once) and a folder under a dot-folder.
    symlinkSync('ns.yaml', join(dir, 'same.yaml'));
    mkdirSync(join(dir, '.hidden'));
    writeFileSync(join(dir, '.hidden', 'pa.yaml'), NAMESPACE.replace('shop', 'hidden'));
    symlinkSync('.hidden', join(dir, 'shown'));
    symlinkSync('nested', join(dir, 'nested-again'));
  });
  after(async () => {
    await hostile.close();
    rmSync(base, { recursive: true, force: true });
  });
  const rel = (p: string) => p.slice(dir.length + 1);

  it('reads regular files only and gives every entry left out one reason', () => {
    const inputs = collectInputs([dir]);
    assert.deepEqual(inputs.files.map(rel), ['ns.yaml', 'shown/pa.yaml']);
    const skipped = new Map([...inputs.skipped].map(([p, why]) => [rel(p), `skipped: ${why}`]));
    for (const [path, pattern] of hostile.expected) assert.match(skipped.get(path) ?? '(not skipped)', pattern, path);
    assert.equal(skipped.get('same.yaml'), 'skipped: same file as ns.yaml, which is linted');
    assert.equal(skipped.get('nested-again'), 'skipped: symlink to nested, a folder already linted');
    assert.equal(skipped.size, hostile.expected.size + 2, [...skipped.keys()].join(', '));
  });

  it('lints the rest, with one ZT0002 notice per entry left out', () => {
    const index = loadWorkspace([dir], defaultConfig(dir), {});
    const { findings } = lint(index);
    const notices = findings.filter((f) => f.ruleId === 'ZT0002').map((f) => rel(f.file));
    assert.deepEqual(notices.sort(), [...hostile.expected.keys(), 'same.yaml', 'nested-again'].sort());
    assert.ok(
      findings.some((f) => rel(f.file) === 'ns.yaml' && f.ruleId !== 'ZT0002'),
      'the regular file is linted',
    );
  });

  it('a path given on the command line that is a FIFO gets a notice, not a hang', () => {
    const inputs = collectInputs([join(dir, 'pipe.yaml'), join(dir, 'ns.yaml')]);
    assert.deepEqual(inputs.files.map(rel), ['ns.yaml']);
    assert.deepEqual([...inputs.skipped.values()], ['not a regular file (a FIFO)']);
  });
});
