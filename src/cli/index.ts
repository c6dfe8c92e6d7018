// Process entry for the bundled CLI (dist/cli.js).
import { main } from './main';

// `ztn lint | head` closes stdout early: that is the reader's choice, not a crash worth a stack trace.
process.stdout.on('error', (err: NodeJS.ErrnoException) => {
  if (err.code === 'EPIPE') process.exit(process.exitCode ?? 0);
  throw err;
});

main(process.argv.slice(2), {
  out: (t) => process.stdout.write(t),
  err: (t) => process.stderr.write(t),
  cwd: process.cwd(),
}).then(
  (code) => {
    process.exitCode = code;
  },
  (err: Error) => {
    process.stderr.write(`ztn: ${err.message}\n`);
    process.exitCode = 3;
  },
);
