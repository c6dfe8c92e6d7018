// Kubernetes label selectors (matchLabels + matchExpressions), as NetworkPolicy and Services use them.

export interface LabelSelector {
  matchLabels?: Record<string, string>;
  matchExpressions?: { key: string; operator: string; values?: string[] }[];
}

// Policies are read many times per simulation; a selector object is parsed once.
const parsed = new WeakMap<object, LabelSelector>();

/** Reads a selector object as written; anything malformed selects nothing rather than everything. */
export function readLabelSelector(value: unknown): LabelSelector | undefined {
  if (value === null || value === undefined) return undefined;
  if (typeof value !== 'object' || Array.isArray(value)) return { matchExpressions: [{ key: '', operator: 'Invalid' }] };
  let out = parsed.get(value);
  if (!out) parsed.set(value, (out = parseSelector(value as Record<string, unknown>)));
  return out;
}

function parseSelector(v: Record<string, unknown>): LabelSelector {
  const out: LabelSelector = {};
  if (v.matchLabels && typeof v.matchLabels === 'object') {
    out.matchLabels = Object.fromEntries(Object.entries(v.matchLabels as Record<string, unknown>).map(([k, x]) => [k, String(x)]));
  }
  if (Array.isArray(v.matchExpressions)) {
    out.matchExpressions = v.matchExpressions
      .filter((e): e is Record<string, unknown> => !!e && typeof e === 'object')
      .map((e) => ({
        key: String(e.key ?? ''),
        operator: String(e.operator ?? ''),
        values: Array.isArray(e.values) ? e.values.map(String) : undefined,
      }));
  }
  return out;
}

/** An empty selector ({}) selects everything, as in Kubernetes. */
export function selectorMatches(selector: LabelSelector, labels: Record<string, string>): boolean {
  for (const [k, v] of Object.entries(selector.matchLabels ?? {})) if (labels[k] !== v) return false;
  for (const e of selector.matchExpressions ?? []) {
    const has = Object.prototype.hasOwnProperty.call(labels, e.key);
    const values = e.values ?? [];
    switch (e.operator) {
      case 'In':
        if (!has || !values.includes(labels[e.key])) return false;
        break;
      case 'NotIn':
        if (has && values.includes(labels[e.key])) return false;
        break;
      case 'Exists':
        if (!has) return false;
        break;
      case 'DoesNotExist':
        if (has) return false;
        break;
      default:
        return false; // the API server rejects unknown operators; select nothing
    }
  }
  return true;
}

/** Plain `key: value` selectors (Service.spec.selector, Istio workloadSelector.matchLabels): all must match. */
export function matchLabelsSubset(selector: Record<string, string>, labels: Record<string, string>): boolean {
  for (const [k, v] of Object.entries(selector)) if (labels[k] !== v) return false;
  return true;
}
