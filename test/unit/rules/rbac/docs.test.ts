import { rules } from '../../../../src/rules/rbac';
import { docsExamples } from '../identity/docsExamples';

docsExamples(rules);
