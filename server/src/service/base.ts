/**
 * What dockerfile-language-service does well (keyword completion, hover docs, formatting, signature
 * help, links, syntax checks), behind one small interface. Its Docker Hub tag lookup (completion
 * after `FROM image:`) is network traffic: it only runs when the user's setting allows it.
 */
import { DockerfileLanguageServiceFactory } from 'dockerfile-language-service';
import type { CompletionItem, Diagnostic, DocumentLink, FormattingOptions, Hover, Position, Range, SignatureHelp, TextEdit } from 'vscode-languageserver-types';
import type { StageModel } from './model';
import { rangeContains } from './positions';

export const BASE_DIAGNOSTIC_SOURCE = 'dockerfile-utils';

export class BaseService {
  private readonly service = DockerfileLanguageServiceFactory.createLanguageService();

  constructor(markdown = true) {
    this.service.setCapabilities({
      completion: { completionItem: { documentationFormat: markdown ? ['markdown', 'plaintext'] : ['plaintext'], snippetSupport: true, deprecatedSupport: true } },
      hover: { contentFormat: markdown ? ['markdown', 'plaintext'] : ['plaintext'] },
    });
  }

  async completion(model: StageModel, pos: Position, allowNetwork: boolean): Promise<CompletionItem[]> {
    if (!allowNetwork && inImageTag(model, pos)) return [];
    return await this.service.computeCompletionItems(model.document.getText(), pos);
  }

  resolveCompletion(item: CompletionItem): CompletionItem {
    return this.service.resolveCompletionItem(item);
  }

  hover(model: StageModel, pos: Position): Hover | null {
    return this.service.computeHover(model.document.getText(), pos);
  }

  signatureHelp(model: StageModel, pos: Position): SignatureHelp {
    return this.service.computeSignatureHelp(model.document.getText(), pos);
  }

  links(model: StageModel): DocumentLink[] {
    return this.service.computeLinks(model.document.getText());
  }

  resolveLink(link: DocumentLink): DocumentLink {
    return this.service.resolveLink(link);
  }

  format(model: StageModel, options: FormattingOptions): TextEdit[] {
    return this.service.format(model.document.getText(), options);
  }

  formatRange(model: StageModel, range: Range, options: FormattingOptions): TextEdit[] {
    return this.service.formatRange(model.document.getText(), range, options);
  }

  formatOnType(model: StageModel, pos: Position, ch: string, options: FormattingOptions): TextEdit[] {
    return this.service.formatOnType(model.document.getText(), pos, ch, options);
  }

  /** dockerfile-utils' syntax diagnostics, under their own source so users can tell them apart. */
  validate(model: StageModel): Diagnostic[] {
    return this.service.validate(model.document.getText()).map((d) => ({ ...d, source: BASE_DIAGNOSTIC_SOURCE }));
  }
}

function inImageTag(model: StageModel, pos: Position): boolean {
  return model.stages.some((s) => {
    const tag = s.from.getImageTagRange();
    const image = s.baseImageRange;
    return (tag && rangeContains(tag, pos)) || (image && rangeContains(image, pos) && s.baseImage.includes(':'));
  });
}
