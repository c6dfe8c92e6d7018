import { DEFAULT_CLUSTER } from '../../../../src/model/config';
import { rules } from '../../../../src/rules/certificates';
import { docsExamples } from '../identity/docsExamples';

docsExamples(rules, {
  ZT0306: { clusters: [{ ...DEFAULT_CLUSTER, name: 'east' }, { ...DEFAULT_CLUSTER, name: 'west' }] },
});
