/**
 * Dockerfiles checked on request (`METHODS.checkFiles`) while not open: their text as the client
 * read it, kept so their diagnostics follow settings and watched-file changes, and so closing such
 * a file re-publishes them from its last text instead of clearing the Problems panel.
 */
import { CHECK_FILES_MAX_BYTES, CHECK_FILES_MAX_COUNT, type CheckFilesParams } from './protocol';

export interface CheckedText {
  uri: string;
  text: string;
}

export class CheckedFiles {
  private readonly texts = new Map<string, string>();

  /** The files of a request worth checking (well-formed, bounded) and the uris skipped. */
  accept(p: Partial<CheckFilesParams> | null | undefined, isOpen: (uri: string) => boolean): { files: CheckedText[]; skipped: string[] } {
    const files: CheckedText[] = [];
    const skipped: string[] = [];
    for (const f of Array.isArray(p?.files) ? p.files : []) {
      if (typeof f?.uri !== 'string') continue;
      if (typeof f.text !== 'string' || f.text.length > CHECK_FILES_MAX_BYTES || (!this.texts.has(f.uri) && this.texts.size >= CHECK_FILES_MAX_COUNT) || isOpen(f.uri)) skipped.push(f.uri);
      else {
        files.push({ uri: f.uri, text: f.text });
        this.texts.set(f.uri, f.text);
      }
    }
    return { files, skipped };
  }

  has(uri: string): boolean {
    return this.texts.has(uri);
  }

  /** A checked file was closed: its last text is what the check sees from now on. */
  closed(uri: string, text: string): void {
    if (this.texts.has(uri)) this.texts.set(uri, text);
  }

  all(): CheckedText[] {
    return [...this.texts].map(([uri, text]) => ({ uri, text }));
  }

  get(uri: string): CheckedText | undefined {
    const text = this.texts.get(uri);
    return text === undefined ? undefined : { uri, text };
  }
}
