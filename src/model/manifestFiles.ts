// Which workspace files are manifests: the ones that hold Kubernetes objects, or that failed to parse as YAML/JSON.
// Files ztn writes into the workspace (traffic files, trust graph exports, results) hold none and are not counted.
import type { SourceFile } from './types';

export function isManifestFile(file: SourceFile): boolean {
  return file.resources.length > 0 || file.problems.some((p) => p.code === 'parse');
}

export function manifestFiles(files: Iterable<SourceFile>): SourceFile[] {
  return [...files].filter(isManifestFile);
}
