// Rules of the pillar "visibility": each rule is a module in this folder, listed here.
import type { Rule } from '../types';

export const rules: Rule[] = [];
