// A cheaper cytoscape `dirtyStyleCache`: the stock one allocates collections for every style property of every element.
import type cytoscape from 'cytoscape';

interface ElementPrivate {
  group: 'nodes' | 'edges';
  styleCache: unknown;
  parent?: { _private: ElementPrivate } | null;
  children?: unknown[];
  edges?: { _private: ElementPrivate }[];
}

type CollectionProto = { dirtyStyleCache(this: cytoscape.Collection): cytoscape.Collection };

/**
 * Cytoscape calls `dirtyStyleCache` once per style property applied to an element. With compound nodes the stock
 * version builds four collections each time (self, descendants, ancestors, their edges): for 2,000 nodes and 6,000
 * edges that was about 5 s of the first render; without them it still builds one (the connected edges) per element.
 * The same set is reachable through the elements' own fields without allocating: an edge itself; a node, its
 * ancestors, its descendants and the edges of all of them (no ancestors or descendants without compound nodes).
 */
export function installFastStyleCacheDirtying(cy: cytoscape.Core): void {
  const proto = Object.getPrototypeOf(cy.collection()) as CollectionProto & { ztnFastDirty?: boolean };
  if (proto.ztnFastDirty || typeof proto.dirtyStyleCache !== 'function') return;
  proto.ztnFastDirty = true;
  proto.dirtyStyleCache = function (this: cytoscape.Collection) {
    const dirty = (p: ElementPrivate) => {
      p.styleCache = null;
      for (const e of p.edges ?? []) e._private.styleCache = null;
    };
    for (let i = 0; i < this.length; i++) {
      const p = (this as unknown as { [i: number]: { _private: ElementPrivate } })[i]._private;
      if (p.group !== 'nodes') {
        p.styleCache = null;
        continue;
      }
      dirty(p);
      for (let a = p.parent; a; a = a._private.parent) dirty(a._private);
      // Descendants: boxes pass opacity and visibility down to what they contain.
      const stack = [...(p.children ?? [])] as { _private: ElementPrivate }[];
      for (let d = stack.pop(); d; d = stack.pop()) {
        dirty(d._private);
        for (const c of d._private.children ?? []) stack.push(c as { _private: ElementPrivate });
      }
    }
    return this;
  };
}
