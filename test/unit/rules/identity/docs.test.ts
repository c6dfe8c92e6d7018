import { rules } from '../../../../src/rules/identity';
import { docsExamples } from './docsExamples';

docsExamples(rules);
