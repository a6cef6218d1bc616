import { buildModel, type StageModel } from './model';

export interface VersionedText {
  uri: string;
  version: number;
  getText(): string;
}

/**
 * Keeps the latest model per document so every request on one version shares one parse.
 * Only the newest version of each uri is kept; closing a document drops it.
 */
export class ModelCache {
  private readonly models = new Map<string, StageModel>();

  get(doc: VersionedText): StageModel {
    const cached = this.models.get(doc.uri);
    if (cached && cached.version === doc.version) return cached;
    const model = buildModel(doc.getText(), doc.uri, doc.version);
    this.models.set(doc.uri, model);
    return model;
  }

  delete(uri: string): void {
    this.models.delete(uri);
  }

  get size(): number {
    return this.models.size;
  }
}
