/**
 * "Show Stage Graph": a webview beside the editor drawing the active Dockerfile's stages (base image,
 * size when known) in BuildKit's parallel levels, edges labelled FROM / COPY / mount, the build
 * target and the stages it needs highlighted, unused stages faded. A click reveals the stage; the
 * context menu builds it, opens a shell (or lists its files) or makes it the target. Redrawn as you
 * type. Offline: the layout is done by levels in the page's own script (client/media/graph.js), no
 * CDN; Content-Security-Policy allows only that script and style.
 */
import * as crypto from 'node:crypto';
import * as vscode from 'vscode';
import type { LanguageClient } from 'vscode-languageclient/node';
import { formatBytes, METHODS, STAGE_COMMANDS, type GraphParams, type GraphView, type StageCommandArgs } from '../../server/src/protocol';
import type { TargetPicker } from './targetPicker';
import type { StageSizes } from './stageSizes';

export const SHOW_GRAPH_COMMAND = 'dockerfileStages.showStageGraph';
const VIEW_TYPE = 'dockerfileStages.stageGraph';
const REDRAW_DELAY_MS = 250;

/** What the page reports after drawing (read by tests through the extension's API). */
export interface RenderedGraph {
  version: number;
  nodes: string[];
  target?: string;
}

type FromPage =
  | { type: 'ready' }
  | { type: 'rendered'; version: number; nodes: string[]; target?: string }
  | { type: 'reveal'; index: number }
  | { type: 'action'; action: 'build' | 'shell' | 'inspect' | 'target'; index: number }
  | { type: 'export'; format: 'svg' | 'mermaid'; svg?: string };

interface Panel {
  panel: vscode.WebviewPanel;
  graph?: GraphView;
  rendered?: RenderedGraph;
  timer?: ReturnType<typeof setTimeout>;
}

export class GraphPanels implements vscode.Disposable {
  private readonly panels = new Map<string, Panel>();
  private readonly renderedEmitter = new vscode.EventEmitter<{ uri: string; rendered: RenderedGraph }>();
  readonly onDidRender = this.renderedEmitter.event;
  private readonly subscriptions: vscode.Disposable[] = [];

  constructor(
    private readonly context: vscode.ExtensionContext,
    private readonly client: LanguageClient,
    private readonly ready: Promise<void>,
    private readonly targets: TargetPicker,
    private readonly sizes: StageSizes,
  ) {
    this.subscriptions.push(
      this.renderedEmitter,
      vscode.commands.registerCommand(SHOW_GRAPH_COMMAND, (uri?: vscode.Uri | string) => this.show(typeof uri === 'string' ? vscode.Uri.parse(uri) : uri)),
      vscode.workspace.onDidChangeTextDocument((e) => this.schedule(e.document.uri.toString())),
      targets.onDidChangeTarget((e) => this.schedule(e.uri.toString())),
      sizes.onDidChangeTreeData(() => [...this.panels.keys()].forEach((k) => this.schedule(k))),
    );
  }

  /** The last drawing the page reported for a Dockerfile. */
  rendered(uri: vscode.Uri): RenderedGraph | undefined {
    return this.panels.get(uri.toString())?.rendered;
  }

  async show(uri = vscode.window.activeTextEditor?.document.uri): Promise<boolean> {
    if (!uri) {
      void vscode.window.showInformationMessage('Dockerfile Stages: open a Dockerfile to see its stage graph.');
      return false;
    }
    const key = uri.toString();
    const existing = this.panels.get(key);
    if (existing) {
      existing.panel.reveal(vscode.ViewColumn.Beside, true);
      return true;
    }
    const panel = vscode.window.createWebviewPanel(VIEW_TYPE, `Stages: ${uri.path.split('/').pop()}`, { viewColumn: vscode.ViewColumn.Beside, preserveFocus: true }, {
      enableScripts: true,
      localResourceRoots: [vscode.Uri.joinPath(this.context.extensionUri, 'client', 'media')],
      retainContextWhenHidden: true,
    });
    const entry: Panel = { panel };
    this.panels.set(key, entry);
    panel.webview.html = this.html(panel.webview);
    panel.onDidDispose(() => {
      if (entry.timer) clearTimeout(entry.timer);
      this.panels.delete(key);
    });
    panel.webview.onDidReceiveMessage((m: FromPage) => void this.handle(uri, m));
    return true;
  }

  /** A message from the page (exposed so tests can drive the same path a click takes). */
  async handle(uri: vscode.Uri, message: FromPage): Promise<unknown> {
    const entry = this.panels.get(uri.toString());
    if (!entry) return undefined;
    switch (message.type) {
      case 'ready':
        return this.redraw(uri.toString());
      case 'rendered':
        entry.rendered = { version: message.version, nodes: message.nodes, target: message.target };
        this.renderedEmitter.fire({ uri: uri.toString(), rendered: entry.rendered });
        return undefined;
      case 'reveal': {
        const stage = entry.graph?.stages[message.index];
        if (!stage) return undefined;
        const editor = await vscode.window.showTextDocument(uri, { viewColumn: vscode.ViewColumn.One, preserveFocus: false });
        const at = new vscode.Position(stage.line, 0);
        editor.selection = new vscode.Selection(at, at);
        editor.revealRange(new vscode.Range(at, at), vscode.TextEditorRevealType.InCenterIfOutsideViewport);
        return stage.line;
      }
      case 'action': {
        const stage = entry.graph?.stages[message.index];
        if (!stage) return undefined;
        if (message.action === 'target') return this.targets.setTarget(uri, stage.isLast && !stage.name ? '' : stage.name ?? '');
        const args: StageCommandArgs = { uri: uri.toString(), stage: stage.label, stageIndex: stage.index, isLast: stage.isLast };
        const command = message.action === 'build' ? STAGE_COMMANDS.build : message.action === 'shell' ? STAGE_COMMANDS.shell : STAGE_COMMANDS.inspectFiles;
        return vscode.commands.executeCommand(command, args);
      }
      case 'export':
        return this.export(uri, entry, message.format, message.svg);
    }
  }

  private schedule(key: string): void {
    const entry = this.panels.get(key);
    if (!entry) return;
    if (entry.timer) clearTimeout(entry.timer);
    entry.timer = setTimeout(() => void this.redraw(key), REDRAW_DELAY_MS);
  }

  private async redraw(key: string): Promise<void> {
    const entry = this.panels.get(key);
    if (!entry) return;
    try {
      await this.ready;
      const graph = await this.client.sendRequest<GraphView | null>(METHODS.graph, { uri: key } satisfies GraphParams);
      if (!graph || !this.panels.has(key)) return;
      entry.graph = graph;
      const uri = vscode.Uri.parse(key);
      const sizes: Record<number, string> = {};
      for (const s of graph.stages) {
        const image = this.sizes.get(uri, s.label);
        if (image) sizes[s.index] = formatBytes(image.bytes);
      }
      await entry.panel.webview.postMessage({ type: 'graph', graph, sizes });
    } catch {
      // the document closed or the server restarted: the next edit redraws
    }
  }

  private async export(uri: vscode.Uri, entry: Panel, format: 'svg' | 'mermaid', svg?: string): Promise<vscode.Uri | undefined> {
    const text = format === 'svg' ? svg : entry.graph?.mermaid;
    if (!text) return undefined;
    const base = uri.path.split('/').pop() ?? 'Dockerfile';
    const target = await vscode.window.showSaveDialog({
      defaultUri: vscode.Uri.joinPath(uri, '..', `${base}.stages.${format === 'svg' ? 'svg' : 'mmd'}`),
      filters: format === 'svg' ? { SVG: ['svg'] } : { Mermaid: ['mmd', 'md'] },
    });
    if (!target) return undefined;
    await vscode.workspace.fs.writeFile(target, Buffer.from(text, 'utf8'));
    void vscode.window.showInformationMessage(`Dockerfile Stages: stage graph saved to ${vscode.workspace.asRelativePath(target)}.`);
    return target;
  }

  private html(webview: vscode.Webview): string {
    const nonce = crypto.randomBytes(16).toString('base64');
    const media = (file: string) => webview.asWebviewUri(vscode.Uri.joinPath(this.context.extensionUri, 'client', 'media', file));
    const csp = `default-src 'none'; img-src ${webview.cspSource} data:; style-src ${webview.cspSource}; script-src 'nonce-${nonce}';`;
    return `<!DOCTYPE html>
<html lang="en"><head><meta charset="UTF-8">
<meta http-equiv="Content-Security-Policy" content="${csp}">
<meta name="viewport" content="width=device-width, initial-scale=1.0">
<link rel="stylesheet" href="${media('graph.css')}">
<title>Stage graph</title></head>
<body>
<div class="toolbar" role="toolbar" aria-label="Stage graph">
  <span id="summary" aria-live="polite"></span>
  <button id="export-svg" type="button">Export SVG</button>
  <button id="export-mermaid" type="button">Export Mermaid</button>
</div>
<div id="graph" role="tree" aria-label="Stages, in build levels"></div>
<div id="menu" class="menu" role="menu" hidden>
  <button role="menuitem" data-action="build" type="button">Build</button>
  <button role="menuitem" data-action="shell" type="button">Shell in</button>
  <button role="menuitem" data-action="inspect" type="button">Inspect files</button>
  <button role="menuitem" data-action="target" type="button">Set as target</button>
</div>
<script nonce="${nonce}" src="${media('graph.js')}"></script>
</body></html>`;
  }

  dispose(): void {
    for (const p of this.panels.values()) p.panel.dispose();
    this.subscriptions.forEach((s) => s.dispose());
  }
}
