// `ztn` entry: dispatches to a command module; turns known errors into exit 2 with one line.
import { ConfigError } from '../config/load';
import { lintCommand } from './commands/lint';
import { rulesCommand } from './commands/rules';
import { simulateCommand } from './commands/simulate';
import { netpolCommand } from './commands/netpol';
import { graphCommand } from './commands/graph';
import { sandboxCommand } from './commands/sandbox';
import { diffCommand } from './commands/diff';
import { EXIT_USAGE, UsageError, type Command, type Io } from './usage';

export const COMMANDS: Command[] = [lintCommand, rulesCommand, simulateCommand, netpolCommand, graphCommand, sandboxCommand, diffCommand];

export function helpText(): string {
  const width = Math.max(...COMMANDS.map((c) => c.name.length));
  return [
    'ztn: zero trust checks, trust graph and sandboxes for Kubernetes and Istio manifests',
    '',
    'Usage: ztn <command> [options]',
    '',
    'Commands:',
    ...COMMANDS.map((c) => `  ${c.name.padEnd(width)}  ${c.summary}`),
    '',
    "Run `ztn <command> --help` for a command's options.",
    'Exit codes: 0 fine, 1 findings or failed expectations, 2 bad usage or input.',
  ].join('\n');
}

export async function main(argv: string[], io: Io): Promise<number> {
  const [name, ...rest] = argv;
  if (!name || name === '--help' || name === '-h' || name === 'help') {
    io.out(helpText() + '\n');
    return name ? 0 : EXIT_USAGE;
  }
  if (name === '--version' || name === '-v') {
    io.out(`${process.env.ZTN_VERSION ?? '0.1.0'}\n`);
    return 0;
  }
  const command = COMMANDS.find((c) => c.name === name);
  if (!command) {
    io.err(`ztn: unknown command '${name}'. Commands: ${COMMANDS.map((c) => c.name).join(', ')}\n`);
    return EXIT_USAGE;
  }
  if (rest.includes('--help') || rest.includes('-h')) {
    io.out(`${command.usage}\n`);
    return 0;
  }
  try {
    return await command.run(rest, io);
  } catch (err) {
    if (err instanceof UsageError || err instanceof ConfigError) {
      io.err(`ztn ${name}: ${err.message}\n`);
      return EXIT_USAGE;
    }
    const e = err as NodeJS.ErrnoException;
    if (e && (e.code === 'ENOENT' || e.code === 'EACCES' || e.code === 'EISDIR')) {
      io.err(`ztn ${name}: ${e.code === 'ENOENT' ? 'no such file or folder' : 'cannot read'}: ${e.path ?? e.message}\n`);
      return EXIT_USAGE;
    }
    io.err(`ztn ${name}: internal error: ${e?.message ?? String(err)} (please report this)\n`);
    return 3;
  }
}
