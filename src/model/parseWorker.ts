// Worker thread of a parallel workspace load: takes files from the shared queue, parses them, posts their resources.
import { workerData, type MessagePort } from 'node:worker_threads';
import { parseQueuedFiles, type ParseQueue } from './parallelLoad';

const { queue, port } = workerData as { queue: ParseQueue; port: MessagePort };
parseQueuedFiles(queue, (index, message) => port.postMessage({ index, message }));
