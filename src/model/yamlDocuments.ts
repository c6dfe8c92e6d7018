// The one place manifests meet the `yaml` parser: its options, and the cost of its debug switch kept off the hot path.
import { parseAllDocuments, type Document } from 'yaml';

/** merge: kubectl reads YAML 1.1 merge keys (`<<: *defaults`), so the objects it applies include them. */
export const YAML_PARSE_OPTIONS = { uniqueKeys: true, prettyErrors: false, keepSourceTokens: false, merge: true } as const;

/**
 * parseAllDocuments with the engine's options. The `yaml` parser reads `process.env.LOG_TOKENS` (a
 * debugging switch of the library) once per token; on Node every read of `process.env` is a getenv()
 * call, which measured at about a quarter of all parse time (docs/benchmarks.md, "Lint engine").
 * While the parse runs, `process.env` is a plain copy with the same entries, so every answer is the
 * same and costs a property lookup. Parsing is synchronous and `finally` puts the real object back,
 * so no other code can observe the copy.
 */
export function parseYamlDocuments(text: string): Document.Parsed[] {
  const env = process.env;
  process.env = { ...env };
  try {
    const docs = parseAllDocuments(text, YAML_PARSE_OPTIONS) as Document.Parsed[] | Document.Parsed;
    return Array.isArray(docs) ? docs : [docs];
  } finally {
    process.env = env;
  }
}
