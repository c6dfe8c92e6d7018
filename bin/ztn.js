#!/usr/bin/env node
// Thin launcher so `npx ztn` runs the bundled CLI.
require('../dist/cli.js');
