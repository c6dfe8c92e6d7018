// Process entry of the sandbox supervisor (bundled as dist/sandbox-supervisor.js): `node sandbox-supervisor.js <sandbox folder>`.
import { runSupervisor } from './supervisor';

void runSupervisor(process.argv[2] ?? '');
