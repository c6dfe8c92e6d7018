// "Generate Traffic File": where the generated file goes and which traffic file Replay and Verify offer first.
import { basename, join } from 'node:path';

/** The file Generate Traffic File (re)writes at the workspace root; the walkthrough names it. */
export const GENERATED_TRAFFIC_FILE = 'traffic.generated.yaml';

export function generatedTrafficPath(root: string): string {
  return join(root, GENERATED_TRAFFIC_FILE);
}

/** Traffic files to offer: the generated one first (Enter picks it, as the walkthrough expects), then by path. */
export function orderTrafficFiles(files: string[]): string[] {
  const rank = (f: string) => (basename(f) === GENERATED_TRAFFIC_FILE ? 0 : 1);
  return [...files].sort((a, b) => rank(a) - rank(b) || a.localeCompare(b));
}
