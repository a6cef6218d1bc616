/**
 * Image sizes of built stages: read from the engine after a build we started (`image inspect`,
 * `history`), kept per Dockerfile and stage, sent to the server (which shows them in the build lens
 * and the stage hover) and shown in the "Stage Sizes" tree with each layer mapped back to the
 * Dockerfile line that made it. Nothing here builds; reading only happens after a build the user
 * started.
 */
import * as vscode from 'vscode';
import type { LanguageClient } from 'vscode-languageclient/node';
import { formatBytes, METHODS, type BuildSettings, type GraphParams, type GraphView, type StageSizeInfo, type StageSizesParams } from '../../server/src/protocol';
import { withoutBuildkitMark, historyInvocation, instructionsIn, mapLayersToLines, parseHistory, parseSize, sizeInvocation, type MappedLayer } from './imageInfo';
import { runEngine, type Log } from './engineRunner';

export const STAGE_SIZES_VIEW = 'dockerfileStages.stageSizes';

export interface StageImage {
  stage: string;
  tag: string;
  bytes: number;
  /** Newest first, as `history` prints them. */
  layers: MappedLayer[];
}

export class StageSizes implements vscode.TreeDataProvider<SizeNode>, vscode.Disposable {
  private readonly byFile = new Map<string, Map<string, StageImage>>();
  private readonly changed = new vscode.EventEmitter<SizeNode | undefined>();
  readonly onDidChangeTreeData = this.changed.event;

  constructor(
    private readonly client: LanguageClient,
    private readonly ready: Promise<void>,
    private readonly log: Log,
  ) {}

  get(uri: vscode.Uri, stage: string): StageImage | undefined {
    return this.byFile.get(uri.toString())?.get(stage.toLowerCase());
  }

  all(uri: vscode.Uri): StageImage[] {
    return [...(this.byFile.get(uri.toString())?.values() ?? [])];
  }

  /** Reads the image of a stage just built and records it; logs and returns undefined on failure. */
  async read(uri: vscode.Uri, stage: string, tag: string, engine: string, settings: BuildSettings): Promise<StageImage | undefined> {
    try {
      const query = { engine, settings, tag };
      const bytes = parseSize(await runEngine(sizeInvocation(query), this.log));
      if (bytes === undefined) return undefined;
      const history = parseHistory(await runEngine(historyInvocation(query), this.log));
      const layers = mapLayersToLines(history, await this.instructionsOf(uri, stage));
      const image: StageImage = { stage, tag, bytes, layers };
      this.set(uri, image);
      return image;
    } catch (e) {
      this.log.appendLine(`Could not read the size of ${tag}: ${(e as Error).message}`);
      return undefined;
    }
  }

  set(uri: vscode.Uri, image: StageImage): void {
    const key = uri.toString();
    const stages = this.byFile.get(key) ?? new Map<string, StageImage>();
    stages.set(image.stage.toLowerCase(), image);
    this.byFile.set(key, stages);
    this.changed.fire(undefined);
    void this.send(key);
  }

  /** Sends every known size again (after a server restart). */
  resendAll(): void {
    for (const key of this.byFile.keys()) void this.send(key);
  }

  private async send(key: string): Promise<void> {
    const sizes: Record<string, StageSizeInfo> = {};
    for (const image of this.byFile.get(key)?.values() ?? []) sizes[image.stage] = { bytes: image.bytes, layers: image.layers.length };
    const params: StageSizesParams = { uri: key, sizes };
    await this.ready;
    await this.client.sendNotification(METHODS.stageSizes, params).catch(() => undefined);
  }

  private async instructionsOf(uri: vscode.Uri, stage: string) {
    try {
      const doc = await vscode.workspace.openTextDocument(uri);
      await this.ready;
      const graph = await this.client.sendRequest<GraphView | null>(METHODS.graph, { uri: uri.toString() } satisfies GraphParams);
      const stages = graph?.stages ?? [];
      const at = stages.findIndex((s) => s.label.toLowerCase() === stage.toLowerCase());
      if (at < 0) return [];
      const end = at + 1 < stages.length ? stages[at + 1].line : doc.lineCount;
      return instructionsIn(doc.getText(), stages[at].line, end);
    } catch {
      return [];
    }
  }

  // ---- Tree ----

  getTreeItem(node: SizeNode): vscode.TreeItem {
    return node.item;
  }

  getChildren(node?: SizeNode): SizeNode[] {
    if (!node) {
      return [...this.byFile.entries()].map(([key, stages]) => {
        const uri = vscode.Uri.parse(key);
        const item = new vscode.TreeItem(vscode.workspace.asRelativePath(uri), vscode.TreeItemCollapsibleState.Expanded);
        item.resourceUri = uri;
        item.description = `${stages.size} stage${stages.size === 1 ? '' : 's'} built`;
        return { item, children: () => [...stages.values()].map((image) => stageNode(uri, image)) };
      });
    }
    return node.children?.() ?? [];
  }

  dispose(): void {
    this.changed.dispose();
  }
}

export interface SizeNode {
  item: vscode.TreeItem;
  children?: () => SizeNode[];
}

function stageNode(uri: vscode.Uri, image: StageImage): SizeNode {
  const item = new vscode.TreeItem(image.stage, vscode.TreeItemCollapsibleState.Collapsed);
  item.description = `${formatBytes(image.bytes)} · ${image.layers.length} layers`;
  item.tooltip = `${image.tag}: ${formatBytes(image.bytes)}`;
  item.iconPath = new vscode.ThemeIcon('package');
  return {
    item,
    children: () => {
      const own = image.layers.filter((l) => l.line !== undefined);
      const base = image.layers.filter((l) => l.line === undefined);
      const nodes = own.map((layer) => layerNode(uri, layer));
      if (base.length) {
        const baseItem = new vscode.TreeItem('base image and unmatched layers');
        baseItem.description = `${formatBytes(base.reduce((n, l) => n + l.bytes, 0))} · ${base.length} layers`;
        nodes.push({ item: baseItem });
      }
      return nodes;
    },
  };
}

function layerNode(uri: vscode.Uri, layer: MappedLayer): SizeNode {
  const text = withoutBuildkitMark(layer.createdBy);
  const item = new vscode.TreeItem(formatBytes(layer.bytes));
  item.description = `line ${layer.line! + 1}: ${text.length > 80 ? `${text.slice(0, 79)}…` : text}`;
  item.tooltip = text;
  const position = new vscode.Position(layer.line!, 0);
  item.command = { title: 'Go to line', command: 'vscode.open', arguments: [uri, { selection: new vscode.Range(position, position) }] };
  return { item };
}
