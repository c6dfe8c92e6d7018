// Every rule's doc page: its sections, and its bad and good examples run through the linter.
import { ALL_RULES } from '../../../../src/rules/registry';
import { docsExamples } from '../../../helpers/docsExamples';

docsExamples(ALL_RULES);
