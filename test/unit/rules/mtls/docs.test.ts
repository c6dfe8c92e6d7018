import { rules } from '../../../../src/rules/mtls';
import { docsExamples } from '../identity/docsExamples';

docsExamples(rules);
