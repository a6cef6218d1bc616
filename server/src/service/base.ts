/**
 * What dockerfile-language-service does well (keyword completion, hover docs, formatting, signature
 * help, links), behind one small interface. Its validation is not used: our own rules (on our one
 * parse) report everything BuildKit would. The library is loaded on first use, so starting the
 * server and publishing the first diagnostics never pay for it. Its Docker Hub tag lookup
 * (completion after `FROM image:`) is network traffic: it only runs when the user's setting allows it.
 */
import type { DockerfileLanguageService } from 'dockerfile-language-service';
import type { CompletionItem, DocumentLink, FormattingOptions, Hover, Position, Range, SignatureHelp, TextEdit } from 'vscode-languageserver-types';
import type { StageModel } from './model';
import { rangeContains } from './positions';

export class BaseService {
  private loaded?: DockerfileLanguageService;

  constructor(private readonly markdown = true) {}

  private get service(): DockerfileLanguageService {
    if (!this.loaded) {
      // eslint-disable-next-line @typescript-eslint/no-require-imports -- loaded lazily on purpose (cold start)
      const { DockerfileLanguageServiceFactory } = require('dockerfile-language-service') as typeof import('dockerfile-language-service');
      const service = DockerfileLanguageServiceFactory.createLanguageService();
      const markdown = this.markdown;
      service.setCapabilities({
        completion: { completionItem: { documentationFormat: markdown ? ['markdown', 'plaintext'] : ['plaintext'], snippetSupport: true, deprecatedSupport: true } },
        hover: { contentFormat: markdown ? ['markdown', 'plaintext'] : ['plaintext'] },
      });
      this.loaded = service;
    }
    return this.loaded;
  }

  async completion(model: StageModel, pos: Position, allowNetwork: boolean): Promise<CompletionItem[]> {
    if (!allowNetwork && inImageTag(model, pos)) return [];
    const items = await guardAsync(() => this.service.computeCompletionItems(model.document.getText(), pos), []);
    return items.map((item) => clampItem(model, item));
  }

  resolveCompletion(item: CompletionItem): CompletionItem {
    return guard(() => this.service.resolveCompletionItem(item), item);
  }

  hover(model: StageModel, pos: Position): Hover | null {
    const hover = guard(() => this.service.computeHover(model.document.getText(), pos), null);
    return hover?.range ? { ...hover, range: clampRange(model, hover.range) } : hover;
  }

  signatureHelp(model: StageModel, pos: Position): SignatureHelp {
    return guard(() => this.service.computeSignatureHelp(model.document.getText(), pos), { signatures: [] });
  }

  links(model: StageModel): DocumentLink[] {
    return guard(() => this.service.computeLinks(model.document.getText()), []).map((l) => ({ ...l, range: clampRange(model, l.range) }));
  }

  resolveLink(link: DocumentLink): DocumentLink {
    return guard(() => this.service.resolveLink(link), link);
  }

  format(model: StageModel, options: FormattingOptions): TextEdit[] {
    return clampEdits(model, guard(() => this.service.format(model.document.getText(), options), []));
  }

  formatRange(model: StageModel, range: Range, options: FormattingOptions): TextEdit[] {
    return clampEdits(model, guard(() => this.service.formatRange(model.document.getText(), range, options), []));
  }

  formatOnType(model: StageModel, pos: Position, ch: string, options: FormattingOptions): TextEdit[] {
    return clampEdits(model, guard(() => this.service.formatOnType(model.document.getText(), pos, ch, options), []));
  }
}

/*
 * The base service is third-party code run on untrusted text: an exception there (dockerfile-ast
 * overflows its stack on `\uFEFFARG X=${Y}` + FROM, for one) must not take our own results down
 * with it, and its ranges (off the end of the document with lone-CR line breaks) are clamped into it.
 */
function guard<T>(f: () => T, fallback: T): T {
  try {
    return f() ?? fallback;
  } catch {
    return fallback;
  }
}

async function guardAsync<T>(f: () => T | PromiseLike<T>, fallback: T): Promise<T> {
  try {
    return (await f()) ?? fallback;
  } catch {
    return fallback;
  }
}

function clampPosition(model: StageModel, p: Position): Position {
  return model.document.positionAt(model.document.offsetAt(p));
}

function clampRange(model: StageModel, r: Range): Range {
  return { start: clampPosition(model, r.start), end: clampPosition(model, r.end) };
}

function clampEdits(model: StageModel, edits: TextEdit[]): TextEdit[] {
  return edits.map((e) => ({ ...e, range: clampRange(model, e.range) }));
}

function clampItem(model: StageModel, item: CompletionItem): CompletionItem {
  const edit = item.textEdit;
  if (edit && 'range' in edit) return { ...item, textEdit: { ...edit, range: clampRange(model, edit.range) } };
  return item;
}

function inImageTag(model: StageModel, pos: Position): boolean {
  return model.stages.some((s) => {
    const tag = s.from.getImageTagRange();
    const image = s.baseImageRange;
    return (tag && rangeContains(tag, pos)) || (image && rangeContains(image, pos) && s.baseImage.includes(':'));
  });
}
