/**
 * What the client and the server say to each other beyond LSP: custom method names and their payload
 * types. Dependency-free (types only), so the client can import it without bundling the analysis.
 */

/** Request: the stage graph of an open document, for the graph view. */
export const GRAPH_REQUEST = 'dockerfileStages/graph';

export interface GraphParams {
  uri: string;
}

export interface GraphViewStage {
  index: number;
  name?: string;
  label: string;
  baseImage: string;
  /** Needed by the target. */
  reachable: boolean;
  /** BuildKit's parallel level: the longest dependency chain below the stage. */
  level: number;
  /** The FROM line (0-based), where a click in the graph goes. */
  line: number;
  /** The engine can build exactly this stage (named, or the last one). */
  buildable: boolean;
  isLast: boolean;
  /** The stage's image has no shell (scratch, distroless): offer "Inspect files" instead. */
  noShell: boolean;
}

export interface GraphViewEdge {
  /** The stage that needs `to`. */
  from: number;
  to: number;
  kind: 'from' | 'copy-from' | 'mount-from';
  line: number;
}

export interface GraphView {
  uri: string;
  version: number;
  stages: GraphViewStage[];
  edges: GraphViewEdge[];
  /** Index of the target stage (-1 when the file has no stage). */
  target: number;
  /** The same graph as a Mermaid flowchart (the CLI's `graph --format mermaid`). */
  mermaid: string;
}

/**
 * Notification: image sizes the client read from the engine after building stages of a Dockerfile.
 * The server shows them in the build lens and the stage hover. Keys are stage labels (the name, or
 * the index of an unnamed stage); a later notification for the same uri replaces the earlier one.
 */
export const STAGE_SIZES_NOTIFICATION = 'dockerfileStages/stageSizes';

export interface StageSizeInfo {
  /** Image size in bytes, as `image inspect` reports it. */
  bytes: number;
  /** Layers in the image's history (empty layers included). */
  layers: number;
}

export interface StageSizesParams {
  uri: string;
  sizes: Record<string, StageSizeInfo>;
}

/**
 * Request: the stage summaries of a document (build/shell pickers, tasks). `text` is given for a file
 * that is not open (the task provider reads Dockerfiles from disk without opening them).
 */
export const STAGES_REQUEST = 'dockerfileStages/stages';

export interface StagesParams {
  uri: string;
  text?: string;
}

/** `1536` → `1.5 kB`; decimal units, as docker prints image sizes. */
export function formatBytes(bytes: number): string {
  if (!Number.isFinite(bytes) || bytes < 0) return '?';
  const units = ['B', 'kB', 'MB', 'GB', 'TB'];
  let value = bytes;
  let unit = 0;
  while (value >= 1000 && unit < units.length - 1) {
    value /= 1000;
    unit++;
  }
  const shown = unit === 0 ? String(Math.round(value)) : value >= 100 ? value.toFixed(0) : value.toFixed(1);
  return `${shown} ${units[unit]}`;
}
