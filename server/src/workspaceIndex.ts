/**
 * The workspace's Compose, Bake and workflow files and what they build, kept up to date without
 * rescanning: one walk of the workspace folders at start (names only, bounded), then
 * `workspace/didChangeWatchedFiles` and open-document edits mark single projects stale; a project
 * is re-read (its few files) only when someone asks for uses. Dockerfile → uses is a map lookup.
 * Files are read through the callbacks given, so tests and the bench drive it without a disk.
 */
import { analyze, crossFileKind, projectKey, readProject, uriKey, type BuildUse, type HclParser, type StageModel } from './service';

export interface IndexIO {
  /** A file's text; undefined when it does not exist; 'unreadable' when it exists but cannot be read (too big, binary, no permission). */
  read(uri: string): string | undefined | 'unreadable';
}

interface Project {
  files: Set<string>;
  uses?: BuildUse[];
}

export class WorkspaceIndex {
  private readonly projects = new Map<string, Project>();
  /** Open documents: their text wins over the disk. */
  private readonly open = new Map<string, { text: string }>();
  /** Dockerfiles not open in the editor, read from disk once and kept until they change. */
  private readonly dockerfiles = new Map<string, StageModel | 'missing' | 'unreadable'>();
  private byDockerfile?: Map<string, BuildUse[]>;
  private all?: BuildUse[];

  constructor(
    private readonly io: IndexIO,
    private readonly hcl: () => HclParser | undefined,
  ) {}

  /** Adds a file found by the workspace walk or created (only Compose/Bake/workflow names are kept). */
  add(uri: string): void {
    const key = projectKey(uri);
    if (!key) return;
    const project = this.projects.get(key) ?? { files: new Set<string>() };
    project.files.add(uri);
    project.uses = undefined;
    this.projects.set(key, project);
    this.invalidate();
  }

  remove(uri: string): void {
    this.dockerfiles.delete(uriKey(uri));
    const key = projectKey(uri);
    const project = key ? this.projects.get(key) : undefined;
    if (!project || !key) return;
    project.files.delete(uri);
    project.uses = undefined;
    if (project.files.size === 0) this.projects.delete(key);
    this.invalidate();
  }

  /** A workspace folder was removed: forget every file found below it (open documents stay). */
  removeUnder(folderUri: string): void {
    const prefix = uriKey(folderUri).replace(/\/?$/, '/');
    const below = [...this.projects.values()].flatMap((p) => [...p.files]).filter((uri) => uriKey(uri).startsWith(prefix));
    for (const uri of below) this.remove(uri);
  }

  /** A file changed on disk: re-read its project (or forget the Dockerfile's cached model) next time. */
  changed(uri: string): void {
    this.dockerfiles.delete(uriKey(uri));
    const key = projectKey(uri);
    const project = key ? this.projects.get(key) : undefined;
    if (project) {
      project.uses = undefined;
      this.invalidate();
    } else if (key) this.add(uri);
  }

  /** An open document's text (Compose/Bake/workflow files); it replaces the disk text until closed. */
  setOpen(uri: string, text: string): void {
    if (!crossFileKind(uri)) return;
    this.open.set(uri, { text });
    this.add(uri);
  }

  closeOpen(uri: string): void {
    if (!this.open.delete(uri)) return;
    this.changed(uri);
  }

  /**
   * Reads every stale project ahead of the first request, yielding to the event loop after each
   * slice of `sliceMs`, so typing is never blocked by the index build. Returns the longest slice.
   */
  async warm(sliceMs = 10): Promise<number> {
    let longest = 0;
    let sliceStart = Date.now();
    for (const project of [...this.projects.values()]) {
      if (project.uses) continue;
      project.uses = this.readUses(project);
      const now = Date.now();
      if (now - sliceStart >= sliceMs) {
        longest = Math.max(longest, now - sliceStart);
        await new Promise((r) => setImmediate(r));
        sliceStart = Date.now();
      }
    }
    this.invalidate();
    return Math.max(longest, Date.now() - sliceStart);
  }

  /** Whether any indexed file is a Bake HCL file (the HCL grammar is loaded only then). */
  hasHclFiles(): boolean {
    for (const project of this.projects.values()) for (const uri of project.files) if (/\.hcl$/i.test(uri)) return true;
    return false;
  }

  /** Marks every project stale (e.g. the HCL grammar became available). */
  rereadAll(): void {
    for (const project of this.projects.values()) project.uses = undefined;
    this.invalidate();
  }

  /** Every use in the workspace (projects re-read only when stale). */
  uses(): BuildUse[] {
    if (this.all) return this.all;
    const all: BuildUse[] = [];
    for (const project of this.projects.values()) {
      project.uses ??= this.readUses(project);
      all.push(...project.uses);
    }
    this.all = all;
    return all;
  }

  /** The uses in the project of `uri` (what its diagnostics and requests need). */
  usesOfProject(uri: string): BuildUse[] {
    const key = projectKey(uri);
    const project = key ? this.projects.get(key) : undefined;
    if (!project) return [];
    project.uses ??= this.readUses(project);
    return project.uses;
  }

  /** The uses that build the Dockerfile `uri`. */
  usesOfDockerfile(uri: string): BuildUse[] {
    if (!this.byDockerfile) {
      const map = new Map<string, BuildUse[]>();
      for (const use of this.uses()) {
        if (!use.dockerfileUri) continue;
        const key = uriKey(use.dockerfileUri);
        const list = map.get(key);
        if (list) list.push(use);
        else map.set(key, [use]);
      }
      this.byDockerfile = map;
    }
    return this.byDockerfile.get(uriKey(uri)) ?? [];
  }

  /** A Dockerfile's model read from disk (for files not open in the editor); cached until it changes. */
  dockerfileFromDisk(uri: string): StageModel | 'missing' | undefined {
    const key = uriKey(uri);
    let entry = this.dockerfiles.get(key);
    if (entry === undefined) {
      const text = this.io.read(uri);
      entry = text === undefined ? 'missing' : text === 'unreadable' ? 'unreadable' : analyze(text, uri, 0).model;
      if (this.dockerfiles.size > 500) this.dockerfiles.clear();
      this.dockerfiles.set(key, entry);
    }
    return entry === 'unreadable' ? undefined : entry;
  }

  get fileCount(): number {
    let n = 0;
    for (const p of this.projects.values()) n += p.files.size;
    return n;
  }

  private readUses(project: Project): BuildUse[] {
    const files = [];
    for (const uri of project.files) {
      const text = this.open.get(uri)?.text ?? this.io.read(uri);
      if (typeof text === 'string' && text !== 'unreadable') files.push({ uri, text });
    }
    try {
      return readProject(files, this.hcl());
    } catch {
      return [];
    }
  }

  private invalidate(): void {
    this.all = undefined;
    this.byDockerfile = undefined;
  }
}
