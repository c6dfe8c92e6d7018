// Bad input never crashes a rule: every field of every documented bad example, replaced by values of the wrong type.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseAllDocuments, stringify } from 'yaml';
import { defaultConfig } from '../../../../src/config/load';
import { WorkspaceIndex } from '../../../../src/model/workspace';
import { lint } from '../../../../src/rules/engine';
import { rules as certificates } from '../../../../src/rules/certificates';
import { rules as identity } from '../../../../src/rules/identity';
import { rules as mtls } from '../../../../src/rules/mtls';
import { rules as rbac } from '../../../../src/rules/rbac';
import { rules as sources } from '../../../../src/rules/sources';

const ALL = [...identity, ...mtls, ...certificates, ...rbac, ...sources];
const WRONG_TYPES: unknown[] = [null, 'text', 7, [true], { a: 1 }];

type Path = (string | number)[];

/** Every path below the object's top level (kind/apiVersion kept, so the object still reaches its rules). */
function paths(value: unknown, prefix: Path = []): Path[] {
  if (value === null || typeof value !== 'object') return [];
  const entries: [string | number, unknown][] = Array.isArray(value) ? value.map((v, i) => [i, v]) : Object.entries(value);
  return entries
    .filter(([k]) => prefix.length > 0 || (k !== 'kind' && k !== 'apiVersion'))
    .flatMap(([k, v]) => [[...prefix, k], ...paths(v, [...prefix, k])]);
}

function replaced(obj: unknown, path: Path, value: unknown): unknown {
  const copy = structuredClone(obj) as Record<string | number, unknown>;
  let cur = copy;
  for (const step of path.slice(0, -1)) cur = cur[step] as Record<string | number, unknown>;
  cur[path[path.length - 1]] = value;
  return copy;
}

function badExample(id: string): string {
  const doc = readFileSync(join(__dirname, '..', '..', '..', '..', 'docs', 'rules', `${id}.md`), 'utf8');
  return /## Bad example\n```yaml\n([\s\S]*?)```/.exec(doc)![1];
}

describe('rules of pillars 01-05 on malformed input', () => {
  for (const rule of ALL) {
    it(`${rule.meta.id} bad example with every field of the wrong type`, () => {
      const objects = parseAllDocuments(badExample(rule.meta.id)).map((d) => d.toJS() as unknown);
      let variants = 0;
      objects.forEach((obj, i) => {
        for (const path of paths(obj)) {
          for (const wrong of WRONG_TYPES) {
            const docs = objects.map((o, j) => stringify(j === i ? replaced(o, path, wrong) : o));
            const index = new WorkspaceIndex({ ...defaultConfig('/virtual'), allowedCidrs: ['10.0.0.0/8'] });
            index.setFile('/virtual/manifest.yaml', docs.join('---\n'));
            const internal = lint(index, { rules: ALL }).findings.filter((f) => f.message.startsWith('internal error'));
            assert.deepEqual(internal.map((f) => `${f.ruleId} at ${path.join('.')}=${JSON.stringify(wrong)}: ${f.message}`), []);
            variants++;
          }
        }
      });
      assert.ok(variants > 0);
    });
  }
});
