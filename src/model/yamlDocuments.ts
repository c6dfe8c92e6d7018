// The one place manifests meet the `yaml` parser: its options, and the cost of its debug switch kept off the hot path.
import { parseAllDocuments, visit, type Document } from 'yaml';

/** merge: kubectl reads YAML 1.1 merge keys (`<<: *defaults`), so the objects it applies include them. */
export const YAML_PARSE_OPTIONS = { uniqueKeys: true, prettyErrors: false, keepSourceTokens: false, merge: true } as const;

/**
 * parseAllDocuments with the engine's options. The `yaml` parser reads `process.env.LOG_TOKENS` (a
 * debugging switch of the library) once per token; on Node every read of `process.env` is a getenv()
 * call, which measured at about a quarter of all parse time (docs/benchmarks.md, "Lint engine").
 * While the parse runs, `process.env` is a plain object holding the two switches `yaml` reads
 * (LOG_TOKENS, LOG_STREAM) with their real values, so the library behaves the same and each read is a
 * property lookup (a copy of the whole environment cost 2 % of a full lint: one getenv per variable).
 * Parsing is synchronous and `finally` puts the real object back, so no other code can observe it.
 */
export function parseYamlDocuments(text: string): Document.Parsed[] {
  const env = process.env;
  process.env = { LOG_TOKENS: env.LOG_TOKENS, LOG_STREAM: env.LOG_STREAM };
  try {
    const docs = parseAllDocuments(text, YAML_PARSE_OPTIONS) as Document.Parsed[] | Document.Parsed;
    return Array.isArray(docs) ? docs : [docs];
  } finally {
    process.env = env;
  }
}

/** Alias expansions a small file (ztn.yaml, a traffic or results file) may need; an alias bomb needs millions. */
export const SMALL_FILE_ALIAS_COUNT = 100;

/** An alias bomb: expanding the document's aliases would go past the bound. `offset` is where the first alias is. */
export class AliasLimitError extends Error {
  constructor(
    readonly offset: number,
    readonly maxAliasCount: number,
  ) {
    super(`YAML aliases expand more than ${maxAliasCount} times (an alias bomb?); not read`);
  }
}

/**
 * The document as plain values with aliases expanded at most `maxAliasCount` times over (the `yaml`
 * library's own bound), so a billion-laughs file costs nothing. Past the bound it throws
 * AliasLimitError, which names a position, instead of the library's bare ReferenceError.
 */
export function boundedToJs(doc: Document, maxAliasCount = SMALL_FILE_ALIAS_COUNT): unknown {
  try {
    return doc.toJS({ maxAliasCount });
  } catch (err) {
    if (!(err instanceof ReferenceError) || !/alias/i.test(err.message)) throw err;
    let offset = 0;
    visit(doc, {
      Alias(_, node) {
        offset = node.range?.[0] ?? 0;
        return visit.BREAK;
      },
    });
    throw new AliasLimitError(offset, maxAliasCount);
  }
}
