// Bad input never crashes a rule: every field of every documented bad example, replaced by values of the wrong type.
import assert from 'node:assert/strict';
import { parseAllDocuments, stringify } from 'yaml';
import { lint } from '../../../../src/rules/engine';
import { ALL_RULES } from '../../../../src/rules/registry';
import { docsExample, exampleIndex, readDocPage } from '../../../helpers/docsExamples';

const WRONG_TYPES: unknown[] = [null, 'text', 7, [true], { a: 1 }];

type Path = (string | number)[];

/** Every path below the object's top level (kind/apiVersion kept, so the object still reaches its rules). */
function paths(value: unknown, prefix: Path = []): Path[] {
  if (value === null || typeof value !== 'object') return [];
  const entries: [string | number, unknown][] = Array.isArray(value) ? value.map((v, i) => [i, v]) : Object.entries(value);
  return entries.filter(([k]) => prefix.length > 0 || (k !== 'kind' && k !== 'apiVersion')).flatMap(([k, v]) => [[...prefix, k], ...paths(v, [...prefix, k])]);
}

function replaced(obj: unknown, path: Path, value: unknown): unknown {
  const copy = structuredClone(obj) as Record<string | number, unknown>;
  let cur = copy;
  for (const step of path.slice(0, -1)) cur = cur[step] as Record<string | number, unknown>;
  cur[path[path.length - 1]] = value;
  return copy;
}

// The tool's own rules have no checks of their own, and ZT0001's example is meant not to parse.
const CHECKED = ALL_RULES.filter((r) => r.meta.pillar !== 0);

describe('rules on malformed input', () => {
  for (const rule of CHECKED) {
    it(`${rule.meta.id} bad example with every field of the wrong type`, () => {
      const example = docsExample(readDocPage(rule.meta.id), 'Bad example');
      // The page's rule, and every rule that reads one of the example's kinds.
      const kinds = new Set([...exampleIndex(example).resources].map((r) => r.kind));
      const rules = ALL_RULES.filter((r) => r === rule || r.meta.kinds?.some((k) => kinds.has(k)));
      // ZT0508 checks sources only against a declared allow-list.
      const withAllowedCidrs = {
        ...example,
        config: { ...example.config, allowedCidrs: example.config.allowedCidrs.length ? example.config.allowedCidrs : ['10.0.0.0/8'] },
      };
      let variants = 0;
      for (const [path, text] of Object.entries(example.files)) {
        const objects = parseAllDocuments(text).map((d) => d.toJS() as unknown);
        objects.forEach((obj, i) => {
          for (const field of paths(obj)) {
            for (const wrong of WRONG_TYPES) {
              const docs = objects.map((o, j) => stringify(j === i ? replaced(o, field, wrong) : o));
              const index = exampleIndex(withAllowedCidrs);
              index.setFile(path, docs.join('---\n'));
              const internal = lint(index, { rules }).findings.filter((f) => f.message.startsWith('internal error'));
              assert.deepEqual(
                internal.map((f) => `${f.ruleId} at ${field.join('.')}=${JSON.stringify(wrong)}: ${f.message}`),
                [],
              );
              variants++;
            }
          }
        });
      }
      assert.ok(variants > 0);
    });
  }
});
