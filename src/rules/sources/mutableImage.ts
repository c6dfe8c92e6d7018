// ZT0512: containers whose image has no tag or the tag latest, so what runs is whatever the registry serves at pull time.
import { containerName, podView, POD_KINDS } from '../templates/podSecurityStandards';
import type { Rule } from '../types';

/** Longest image reference looked at: real ones are far shorter, and nothing here should scan a pasted blob. */
const MAX_IMAGE = 512;

/** Why an image reference is not pinned: 'no tag', 'latest', or undefined (a tag other than latest, or a digest). */
export function mutableReference(image: string): 'no tag' | 'latest' | undefined {
  const ref = image.slice(0, MAX_IMAGE);
  if (ref.includes('@')) return undefined;
  // The tag follows the last ':' after the last '/' (a ':' before it is a registry port).
  const name = ref.slice(ref.lastIndexOf('/') + 1);
  const colon = name.lastIndexOf(':');
  if (colon < 0) return 'no tag';
  return name.slice(colon + 1) === 'latest' ? 'latest' : undefined;
}

export const mutableImage: Rule = {
  meta: {
    id: 'ZT0512',
    pillar: 5,
    severity: 'warning',
    title: 'Image without a tag or with :latest',
    description:
      'An image with no tag or with :latest is whatever the registry serves when a node pulls it: two pods of one Deployment can run different code, a compromised registry or a pushed mistake rolls out on the next restart, and nothing in the manifest says what was reviewed. Pin images by digest (image@sha256:...), or at least by an immutable version tag.',
    fixable: false,
    kinds: POD_KINDS,
  },
  checkResource(r, ctx) {
    const pod = podView(r);
    if (!pod) return;
    for (const c of pod.containers) {
      const image = c.container.image;
      if (typeof image !== 'string') continue;
      const why = mutableReference(image);
      if (!why) continue;
      const repository = why === 'latest' ? image.slice(0, image.length - ':latest'.length) : image;
      ctx.report({
        resource: r,
        path: [...c.path, 'image'],
        message: `container ${containerName(c)} runs ${image}, ${why === 'no tag' ? 'which has no tag (it pulls latest)' : 'whose tag latest moves'}; pin it by digest (${repository.slice(0, 80)}@sha256:...)`,
      });
    }
  },
};
