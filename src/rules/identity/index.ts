// Rules of the pillar "identity": each rule is a module in this folder, listed here.
import type { Rule } from '../types';

export const rules: Rule[] = [];
