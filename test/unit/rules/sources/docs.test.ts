import { rules } from '../../../../src/rules/sources';
import { docsExamples } from '../identity/docsExamples';

docsExamples(rules, { ZT0508: { allowedCidrs: ['10.0.0.0/8', '203.0.113.0/24'] } });
