/** Facts about the files around the Dockerfile that a pure rule may need (filled by the server / CLI). */
export interface FileFacts {
  /** Whether a .dockerignore exists in the build context; undefined when unknown (rule stays silent). */
  dockerignoreExists?: boolean;
  /** Where a new .dockerignore would be created (the build context's), for the quick fix. */
  dockerignoreUri?: string;
  /** The content of the .dockerignore BuildKit uses (`<Dockerfile>.dockerignore` first, else the context's); undefined when none or unknown. */
  dockerignore?: string;
  /** Stages (by index) that Compose, Bake or workflow files build as their target: build targets too. */
  targetedStages?: readonly number[];
  /** Read access to the build context (go.mod, package.json, templates/…), for fixes that build on a refactor reading it. */
  context?: ContextFiles;
}

/** Read access to files of the build context (paths relative to it); undefined when unreadable. */
export interface ContextFiles {
  read(relativePath: string): string | undefined;
  /** The entries of a folder of the build context ('' for its root), folders ending in `/`; undefined when unknown. */
  list?(relativeDir: string): string[] | undefined;
}
