// What a sandbox supervisor holds open, as status reports it, and the warning near its open-file limit.
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

/** A sentence when descriptors are near the soft limit, else undefined. */
export function descriptorWarning(resources: Pick<SupervisorResources, 'descriptors' | 'descriptorLimit'>): string | undefined {
  const { descriptors, descriptorLimit: limit } = resources;
  if (descriptors === undefined || limit === undefined || descriptors < limit * DESCRIPTOR_WARNING_SHARE) return undefined;
  return `the supervisor has ${descriptors} of ${limit} file descriptors open (over ${Math.round(DESCRIPTOR_WARNING_SHARE * 100)}% of its soft limit): calls may fail for want of descriptors (no-route, reset) rather than by policy; raise the limit (ulimit -n) or replay fewer calls at once`;
}
