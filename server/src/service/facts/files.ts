/** Facts about the files around the Dockerfile that a pure rule may need (filled by the server / CLI). */
export interface FileFacts {
  /** Whether a .dockerignore exists in the build context; undefined when unknown (rule stays silent). */
  dockerignoreExists?: boolean;
  /** Where a new .dockerignore would be created (the build context's), for the quick fix. */
  dockerignoreUri?: string;
  /** Stages (by index) that Compose, Bake or workflow files build as their target: build targets too. */
  targetedStages?: readonly number[];
}
