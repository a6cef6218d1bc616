/**
 * The stage graph as a build plan: which stages the target needs, which are unreachable, which can
 * build in parallel (levels) and the longest chain (the critical path of the target's build).
 * Dependencies always point to earlier stages, so one pass in index order computes everything. "Needed"
 * is facts/neededStages: a stage a build arg can select (`FROM base-${VARIANT}`) is reachable.
 */
import { stageLabel } from './facts/labels';
import { neededStages } from './facts/neededStages';
import { findStageByName, type ReferenceKind, type StageModel } from './model';
import { stageRunnables } from './stageRunnables';
import { stageHasNoShell } from './stageShell';
import type { GraphView, GraphViewStage } from '../protocol';

/** A stage as the graph computes it; the view adds where it is and what can run on it. */
export type GraphStage = Pick<GraphViewStage, 'index' | 'name' | 'label' | 'baseImage' | 'reachable' | 'level'>;

export interface GraphEdge {
  /** The stage that needs `to`. */
  from: number;
  to: number;
  kind: ReferenceKind;
  line: number;
}

export interface StageGraph {
  stages: GraphStage[];
  edges: GraphEdge[];
  /** Index of the target stage, -1 for a file without stages. */
  target: number;
  unreachable: number[];
  /** Stages the target needs, grouped by level: each group can build in parallel once the previous ones are done. */
  levels: number[][];
  /** Stage indexes of the longest chain ending at the target, first to build first. */
  longestChain: number[];
}

/** `targetName` picks the target by name (case-insensitive); empty or unknown means the last stage. */
export function stageGraph(model: StageModel, targetName = ''): StageGraph {
  const count = model.stages.length;
  const target = count === 0 ? -1 : (targetName ? findStageByName(model, targetName)?.index : undefined) ?? count - 1;
  const needed = target >= 0 ? neededStages(model, target) : new Set<number>();

  const level: number[] = new Array(count).fill(0);
  const deepestDep: number[] = new Array(count).fill(-1);
  for (let i = 0; i < count; i++) {
    for (const dep of model.dependsOn[i]) {
      if (deepestDep[i] < 0 || level[dep] + 1 > level[i]) {
        level[i] = level[dep] + 1;
        deepestDep[i] = dep;
      }
    }
  }

  const levels: number[][] = [];
  for (const i of [...needed].sort((a, b) => a - b)) (levels[level[i]] ??= []).push(i);

  const longestChain: number[] = [];
  for (let s = target; s >= 0; s = deepestDep[s]) longestChain.unshift(s);

  return {
    stages: model.stages.map((s) => ({
      index: s.index,
      name: s.name,
      label: stageLabel(s),
      baseImage: s.baseImage,
      reachable: needed.has(s.index),
      level: level[s.index],
    })),
    edges: model.edges.map((e) => ({ from: e.from, to: e.to, kind: e.kind, line: e.reference.range.start.line })),
    target,
    unreachable: model.stages.filter((s) => !needed.has(s.index)).map((s) => s.index),
    levels: levels.filter((l) => l !== undefined),
    longestChain,
  };
}

const EDGE_LABEL: Record<ReferenceKind, string> = { 'copy-from': 'COPY --from', 'mount-from': 'RUN --mount', from: 'FROM', 'epoch-arg': 'SOURCE_DATE_EPOCH' };

/** Mermaid flowchart: arrows point in build order (dependency → dependent). */
export function graphToMermaid(graph: StageGraph): string {
  const lines = ['flowchart TD'];
  for (const s of graph.stages) {
    const text = `${s.label}<br/><small>${s.baseImage}</small>`.replace(/"/g, '#quot;');
    lines.push(`  s${s.index}["${text}"]`);
  }
  for (const e of uniqueEdges(graph)) lines.push(`  s${e.to} -->|${EDGE_LABEL[e.kind]}| s${e.from}`);
  if (graph.target >= 0) lines.push(`  classDef target stroke-width:3px`, `  class s${graph.target} target`);
  if (graph.unreachable.length) lines.push(`  classDef unreachable stroke-dasharray:4 4,opacity:0.6`, `  class ${graph.unreachable.map((i) => `s${i}`).join(',')} unreachable`);
  return lines.join('\n') + '\n';
}

/** Graphviz DOT, same orientation as the Mermaid output. */
export function graphToDot(graph: StageGraph): string {
  const quote = (s: string) => `"${s.replace(/\\/g, '\\\\').replace(/"/g, '\\"').replace(/\n/g, '\\n')}"`;
  const lines = ['digraph stages {', '  rankdir=TB;', '  node [shape=box];'];
  for (const s of graph.stages) {
    const attrs = [`label=${quote(`${s.label}\n${s.baseImage}`)}`];
    if (s.index === graph.target) attrs.push('penwidth=3');
    if (!s.reachable) attrs.push('style=dashed');
    lines.push(`  s${s.index} [${attrs.join(', ')}];`);
  }
  for (const e of uniqueEdges(graph)) lines.push(`  s${e.to} -> s${e.from} [label=${quote(EDGE_LABEL[e.kind])}];`);
  lines.push('}');
  return lines.join('\n') + '\n';
}

function uniqueEdges(graph: StageGraph): GraphEdge[] {
  const seen = new Set<string>();
  return graph.edges.filter((e) => {
    const key = `${e.from}:${e.to}:${e.kind}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

/** What the graph view draws: the graph plus where each stage is and what can be done with it. */
export function graphView(model: StageModel, targetName = ''): GraphView {
  const graph = stageGraph(model, targetName);
  const runnables = stageRunnables(model);
  return {
    uri: model.uri,
    version: model.version,
    stages: graph.stages.map((s) => {
      const stage = model.stages[s.index];
      return {
        ...s,
        line: stage.fromKeywordRange.start.line,
        buildable: runnables[s.index].buildable,
        isLast: runnables[s.index].isLast,
        noShell: stageHasNoShell(model, stage),
      };
    }),
    // SOURCE_DATE_EPOCH adds no edge between stages (model.edges never holds one); narrowed for the view.
    edges: uniqueEdges(graph).flatMap((e) => (e.kind === 'epoch-arg' ? [] : [{ ...e, kind: e.kind }])),
    target: graph.target,
    mermaid: graphToMermaid(graph),
  };
}
