/**
 * The files of a stage image, listed without running it: `<engine> create` (never started), `export`
 * streamed through a tar reader, then `rm`. For stages with no shell (scratch, distroless) this is
 * "Inspect files"; "Build before and after" uses it to check the program an image runs is there.
 */
import { createInvocation, exportInvocation, removeInvocation, type ImageQuery } from './imageInfo';
import { runEngine, type Log } from './engineRunner';
import { TarLister, type TarEntry } from './tarListing';

const EXPORT_TIMEOUT_MS = 300_000;

export async function listImageFiles(query: ImageQuery, log: Log): Promise<TarEntry[]> {
  const created = (await runEngine(createInvocation(query), log)).trim().split(/\r?\n/).pop()?.trim() ?? '';
  if (!/^[0-9a-f]{12,64}$/i.test(created)) throw new Error(`'create' printed no container id (${JSON.stringify(created.slice(0, 80))}).`);
  try {
    const lister = new TarLister();
    await runEngine(exportInvocation(query, created), log, { onStdout: (chunk) => lister.push(chunk), timeoutMs: EXPORT_TIMEOUT_MS });
    return lister.entries.filter((e) => e.path !== '/');
  } finally {
    await runEngine(removeInvocation(query, created), log).catch(() => undefined);
  }
}
