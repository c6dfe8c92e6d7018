// What the supervisor holds open: descriptors against the open-file limit, and connections per proxy kind.
import { readdirSync, readFileSync } from 'node:fs';

/** The kinds of listener whose accepted connections status counts. */
export type ProxyKind = 'app' | 'inbound' | 'outbound' | 'gateway';

export interface SupervisorResources {
  /** Open descriptors of the supervisor (/proc/self/fd); absent where that cannot be read (not Linux). */
  descriptors?: number;
  /** Soft open-file limit (/proc/self/limits "Max open files"); absent where unknown or unlimited. */
  descriptorLimit?: number;
  /** Accepted connections open now, per listener kind. */
  connections: Record<ProxyKind, number>;
  /** Pooled connections kept idle between calls. */
  idlePooled: number;
}

/** Past this share of the soft limit, replays and the log warn: new connections may fail with EMFILE. */
export const DESCRIPTOR_WARNING_SHARE = 0.8;

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

/** A sentence when descriptors are near the soft limit, else undefined. */
export function descriptorWarning(resources: Pick<SupervisorResources, 'descriptors' | 'descriptorLimit'>): string | undefined {
  const { descriptors, descriptorLimit: limit } = resources;
  if (descriptors === undefined || limit === undefined || descriptors < limit * DESCRIPTOR_WARNING_SHARE) return undefined;
  return `the supervisor has ${descriptors} of ${limit} file descriptors open (over ${Math.round(DESCRIPTOR_WARNING_SHARE * 100)}% of its soft limit): calls may fail for want of descriptors (no-route, reset) rather than by policy; raise the limit (ulimit -n) or replay fewer calls at once`;
}
