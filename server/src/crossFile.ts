/**
 * Server wiring of the cross-file features: the workspace index (Compose, Bake, workflow files),
 * fed by the open documents and workspace/didChangeWatchedFiles, and the calls into the pure
 * service/crossfile for requests on those files and on the Dockerfiles they build.
 */
import { FileChangeType, type FileEvent, type TextDocuments } from 'vscode-languageserver/node';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import {
  type CodeAction,
  type CompletionItem,
  type Diagnostic,
  type Hover,
  type Location,
  type Position,
  type Range,
  type TextDocumentEdit,
  type WorkspaceEdit,
} from 'vscode-languageserver-types';
import {
  buildUsersByStage,
  crossFileCodeActions,
  crossFileCompletion,
  crossFileDefinition,
  crossFileDiagnostics,
  crossFileHover,
  crossFileReferencesAt,
  crossFileRenameEditsAt,
  crossFileTargetAt,
  documentKind,
  findReferences,
  renameStage,
  uriKey,
  type BuildUse,
  type DockerfileLookup,
  type DocumentKind,
  type HclParser,
  type RenameRefusal,
  type StageModel,
} from './service';
import { loadHclParser } from './hclParser';
import { WorkspaceIndex, type IndexIO } from './workspaceIndex';
import { diskIO, scanWorkspace } from './workspaceFiles';

export class CrossFileFeatures {
  private hcl: HclParser | undefined;
  private hclLoading?: Promise<void>;
  readonly index: WorkspaceIndex;
  /** Open documents by uriKey: URIs from other files are spelled the Node way, the client's the VS Code way. */
  private readonly openByKey = new Map<string, string>();

  constructor(
    private readonly documents: TextDocuments<TextDocument>,
    /** The stage model of an open Dockerfile's current version (the server's analysis cache). */
    private readonly openModel: (doc: TextDocument) => StageModel,
    private readonly log: (message: string) => void,
    /** Called when what the index knows changed outside a document event (the HCL grammar arrived). */
    private readonly onIndexChanged: () => void = () => undefined,
    io: IndexIO = diskIO,
  ) {
    this.index = new WorkspaceIndex(io, () => this.hcl);
  }

  /**
   * Walks the workspace folders once and reads what it found in the background; requests before
   * that see what is open. Without folders (an editor started without a root) nothing runs.
   * Returns whether anything was indexed (then open documents deserve a new check).
   */
  async start(workspaceFolders: readonly string[]): Promise<boolean> {
    try {
      if (!workspaceFolders.some((f) => f.startsWith('file:'))) return false;
      const started = Date.now();
      const entries = await scanWorkspace(workspaceFolders, (uri) => this.index.add(uri));
      if (this.index.hasHclFiles()) await this.needHcl();
      await this.index.warm();
      this.log(`cross-file index: ${this.index.fileCount} Compose/Bake/workflow files among ${entries} entries in ${Date.now() - started} ms`);
      return this.index.fileCount > 0;
    } catch (e) {
      this.log(`cross-file index failed: ${(e as Error).message}`);
      return false;
    }
  }

  /** Workspace folders added or removed (multi-root workspaces): index the new ones, forget the old. */
  async foldersChanged(added: readonly string[], removed: readonly string[]): Promise<boolean> {
    for (const folder of removed) this.index.removeUnder(folder);
    const indexed = added.length > 0 && (await this.start(added));
    return indexed || removed.length > 0;
  }

  /** Loads the HCL grammar the first time a docker-bake.hcl shows up; bake projects read before are read again. */
  private needHcl(): Promise<void> {
    this.hclLoading ??= loadHclParser((e) => this.log(`HCL parser not available, Bake HCL files are not read: ${(e as Error).message}`)).then((parser) => {
      this.hcl = parser;
      this.index.rereadAll();
      this.onIndexChanged();
    });
    return this.hclLoading;
  }

  kindOf(uri: string): DocumentKind | undefined {
    return documentKind(uri, this.documents.get(uri)?.languageId);
  }

  isCrossFile(uri: string): boolean {
    const kind = this.kindOf(uri);
    return kind !== undefined && kind !== 'dockerfile';
  }

  opened(doc: TextDocument): void {
    this.openByKey.set(uriKey(doc.uri), doc.uri);
    if (!this.isCrossFile(doc.uri)) return;
    this.index.setOpen(doc.uri, doc.getText());
    if (/\.hcl$/i.test(doc.uri)) void this.needHcl();
  }

  closed(uri: string): void {
    this.openByKey.delete(uriKey(uri));
    this.index.closeOpen(uri);
  }

  watchedFilesChanged(changes: readonly FileEvent[]): void {
    for (const change of changes) {
      if (change.type === FileChangeType.Deleted) this.index.remove(change.uri);
      else if (change.type === FileChangeType.Created) {
        this.index.add(change.uri);
        this.index.changed(change.uri);
      } else this.index.changed(change.uri);
    }
  }

  /** The Dockerfile's model: the open document's, else the file on disk. */
  readonly lookup: DockerfileLookup = (uri) => {
    const open = this.openByKey.get(uriKey(uri));
    const doc = open ? this.documents.get(open) : undefined;
    if (doc) return this.openModel(doc);
    return this.index.dockerfileFromDisk(uri);
  };

  // ---- requests on Compose / Bake / workflow files ----

  diagnostics(uri: string, rules: Record<string, unknown>): Diagnostic[] {
    return crossFileDiagnostics(uri, this.index.usesOfProject(uri), this.lookup, rules);
  }

  definition(uri: string, pos: Position): Location | null {
    return crossFileDefinition(uri, this.index.usesOfProject(uri), this.lookup, pos);
  }

  hover(uri: string, pos: Position): Hover | null {
    return crossFileHover(uri, this.index.usesOfProject(uri), this.lookup, pos, (model, stage) => this.buildUsers(model).get(stage.index) ?? []);
  }

  completion(uri: string, pos: Position): CompletionItem[] | null {
    return crossFileCompletion(uri, this.index.usesOfProject(uri), this.lookup, pos);
  }

  codeActions(uri: string, diagnostics: readonly Diagnostic[]): CodeAction[] {
    return crossFileCodeActions(uri, diagnostics);
  }

  /** A rename on a `target` value renames the stage: the placeholder is its name, or null where nothing renames. */
  prepareRename(uri: string, pos: Position): { range: Range; placeholder: string } | null {
    const at = crossFileTargetAt(uri, this.index.usesOfProject(uri), this.lookup, pos);
    return at?.stage.name ? { range: at.range, placeholder: at.stage.name } : null;
  }

  /** Renaming a stage from a `target` value: the Dockerfile's edits plus every file building the stage. */
  rename(uri: string, pos: Position, newName: string): WorkspaceEdit | RenameRefusal | null {
    const at = crossFileTargetAt(uri, this.index.usesOfProject(uri), this.lookup, pos);
    if (!at) return null;
    const stagePos = at.stage.nameRange!.start;
    const own = renameStage(at.model, stagePos, newName);
    if ('error' in own) return own;
    const inDockerfile = (own.documentChanges ?? []) as TextDocumentEdit[];
    const edit = { ...own, documentChanges: inDockerfile.map((c) => this.atClientUri(c)) };
    return this.extendRename(at.model, stagePos, newName, edit);
  }

  /** References of the stage a `target` value names: in its Dockerfile and in every file building it. */
  referencesFrom(uri: string, pos: Position, includeDeclaration: boolean): Location[] {
    const at = crossFileTargetAt(uri, this.index.usesOfProject(uri), this.lookup, pos);
    if (!at) return [];
    const stagePos = at.stage.nameRange!.start;
    const inDockerfile = findReferences(at.model, stagePos, includeDeclaration).map((l) => ({ ...l, uri: this.clientUri(l.uri) }));
    return [...inDockerfile, ...this.references(at.model, stagePos)];
  }

  // ---- the Dockerfile side ----

  usesOf(model: StageModel): BuildUse[] {
    return this.index.usesOfDockerfile(model.uri);
  }

  /** Per stage index, who builds it as a target. */
  buildUsers(model: StageModel): Map<number, string[]> {
    return buildUsersByStage(model, this.usesOf(model));
  }

  references(model: StageModel, pos: Position): Location[] {
    return crossFileReferencesAt(model, pos, this.usesOf(model)).map((l) => ({ ...l, uri: this.clientUri(l.uri) }));
  }

  /** The stage rename's edit extended to every file building that stage as a target (one WorkspaceEdit), or why not. */
  extendRename(model: StageModel, pos: Position, newName: string, edit: WorkspaceEdit): WorkspaceEdit | { error: string } {
    const extra = crossFileRenameEditsAt(model, pos, newName, this.usesOf(model));
    if ('error' in extra) return extra as { error: string };
    const changes: TextDocumentEdit[] = [...((edit.documentChanges ?? []) as TextDocumentEdit[])];
    for (const [uri, edits] of extra) {
      const clientUri = this.clientUri(uri);
      const doc = this.documents.get(clientUri);
      changes.push({ textDocument: { uri: clientUri, version: doc ? doc.version : null }, edits });
    }
    return { ...edit, documentChanges: changes };
  }

  /** Stages built as targets elsewhere (for reachability). */
  targetedStages(model: StageModel): number[] {
    return [...this.buildUsers(model).keys()];
  }

  /** Open Dockerfiles and Compose/Bake/workflow documents whose diagnostics depend on `uri`'s content. */
  dependents(uri: string): string[] {
    const key = uriKey(uri);
    const out = new Set<string>();
    if (this.isCrossFile(uri)) {
      for (const use of this.index.usesOfProject(uri)) {
        const open = use.dockerfileUri ? this.openByKey.get(uriKey(use.dockerfileUri)) : undefined;
        if (open) out.add(open);
      }
    } else {
      for (const use of this.index.usesOfDockerfile(uri)) {
        for (const u of [use.uri, use.target?.uri, use.dockerfileSpan?.uri]) {
          const open = u ? this.openByKey.get(uriKey(u)) : undefined;
          if (open && uriKey(open) !== key) out.add(open);
        }
      }
    }
    return [...out];
  }

  private atClientUri(change: TextDocumentEdit): TextDocumentEdit {
    const uri = this.clientUri(change.textDocument.uri);
    const doc = this.documents.get(uri);
    return { ...change, textDocument: { uri, version: doc ? doc.version : null } };
  }

  /** The URI the client knows a file by, when it is open; else the one we built. */
  private clientUri(uri: string): string {
    return this.openByKey.get(uriKey(uri)) ?? uri;
  }
}
