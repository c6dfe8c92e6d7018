// Reads what the local supervisor holds open: its descriptors and its open-file limit (Linux /proc).
import { readdirSync, readFileSync } from 'node:fs';

export { descriptorWarning, type ProxyKind, type SupervisorResources } from '../shared/supervisorResources';

export function openDescriptors(): number | undefined {
  try {
    // readdir holds one descriptor of its own while it reads the folder.
    return readdirSync('/proc/self/fd').length - 1;
  } catch {
    return undefined;
  }
}

/** The soft open-file limit; `limits` is /proc/self/limits' text (read when not given). */
export function descriptorLimit(limits?: string): number | undefined {
  let text = limits;
  if (text === undefined) {
    try {
      text = readFileSync('/proc/self/limits', 'utf8');
    } catch {
      return undefined;
    }
  }
  const soft = /^Max open files\s+(\d+)/m.exec(text)?.[1];
  return soft === undefined ? undefined : Number(soft);
}
