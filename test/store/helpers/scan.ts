import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';

/** Every file under `dir` (recursively) whose bytes contain any of `needles`, as `file: needle`. */
export async function findInFiles(dir: string, needles: readonly string[]): Promise<string[]> {
  const hits: string[] = [];
  for (const entry of await readdir(dir, { withFileTypes: true, recursive: true })) {
    if (!entry.isFile()) continue;
    const bytes = await readFile(join(entry.parentPath, entry.name));
    for (const needle of needles) {
      // Report where, never what: the needle is a secret.
      if (bytes.includes(Buffer.from(needle, 'utf8')))
        hits.push(`${entry.name}: form #${needles.indexOf(needle)}`);
    }
  }
  return hits;
}

/** File names (not paths) under `dir`. */
export async function fileNames(dir: string): Promise<string[]> {
  const entries = await readdir(dir, { withFileTypes: true, recursive: true });
  return entries.filter((entry) => entry.isFile()).map((entry) => entry.name);
}
