// ZT0417: a container whose root filesystem is writable, where an intruder can drop tools and change binaries.
import { podSecurityRule } from '../templates/podSecurityStandards';
import { readOnlyRootFilesystem } from '../templates/pssControls';

export const writableRootFilesystem = podSecurityRule(
  {
    id: 'ZT0417',
    pillar: 4,
    severity: 'warning',
    title: 'Container root filesystem is writable',
    description:
      'A writable root filesystem lets whoever gets code execution in the container download tools, replace binaries and persist until the pod is replaced. With readOnlyRootFilesystem: true the image is immutable and the places the application writes are explicit emptyDir volumes.',
    fixable: true,
    fixNeedsReview: true,
  },
  [readOnlyRootFilesystem],
  (v) => `${v.what}; set securityContext.readOnlyRootFilesystem: true and mount an emptyDir where it must write`,
);
