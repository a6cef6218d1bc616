/** Output formats of `dockerfile-stages check`: text, json, sarif (2.1.0) and github (workflow annotations). */
import { DiagnosticSeverity, type Diagnostic } from 'vscode-languageserver-types';
import { ValidationCode } from 'dockerfile-utils';
import { CROSS_FILE_CHECKS, REPOSITORY_URL, ruleCatalog, ruleDocsUrl } from '../service';

export interface FileResult {
  /** Path as shown to the user (relative to the working directory when inside it). */
  path: string;
  text: string;
  diagnostics: Diagnostic[];
}

export type Format = 'text' | 'json' | 'sarif' | 'github';
export const FORMATS: Format[] = ['text', 'json', 'sarif', 'github'];

const SEVERITY_NAME: Record<DiagnosticSeverity, string> = { 1: 'error', 2: 'warning', 3: 'info', 4: 'hint' };

export function severityName(d: Diagnostic): string {
  return SEVERITY_NAME[d.severity ?? DiagnosticSeverity.Error];
}

export function render(format: Format, results: FileResult[], toolVersion: string): string {
  switch (format) {
    case 'json':
      return JSON.stringify(results.flatMap(toJsonFindings), null, 2) + '\n';
    case 'sarif':
      return JSON.stringify(toSarif(results, toolVersion), null, 2) + '\n';
    case 'github':
      return results.flatMap((r) => r.diagnostics.map((d) => toAnnotation(r.path, d))).join('');
    default:
      return toText(results);
  }
}

/** The rule id; dockerfile-utils' numeric codes become their names (`ARGUMENT_MISSING` → `argument-missing`). */
export function ruleOf(d: Diagnostic): string {
  if (typeof d.code === 'number') return ValidationCode[d.code]?.toLowerCase().replace(/_/g, '-') ?? `${d.source ?? 'unknown'}-${d.code}`;
  return typeof d.code === 'string' ? d.code : d.source ?? 'unknown';
}

function toText(results: FileResult[]): string {
  let out = '';
  const counts = { error: 0, warning: 0, other: 0 };
  for (const r of results) {
    const lines = r.text.split(/\r?\n/);
    for (const d of r.diagnostics) {
      const { line, character } = d.range.start;
      const severity = severityName(d);
      if (severity === 'error') counts.error++;
      else if (severity === 'warning') counts.warning++;
      else counts.other++;
      out += `${r.path}:${line + 1}:${character + 1}: ${severity} [${ruleOf(d)}] ${d.message}\n`;
      const source = (lines[line] ?? '').replace(/\t/g, ' ');
      if (source.length <= 400) {
        const width = d.range.end.line === line ? Math.max(1, d.range.end.character - character) : Math.max(1, source.length - character);
        out += `  ${source}\n  ${' '.repeat(character)}${'^'.repeat(Math.min(width, 200))}\n`;
      }
    }
  }
  const total = counts.error + counts.warning + counts.other;
  if (results.length === 0) return out;
  out += total === 0
    ? `No problems in ${results.length} file${results.length === 1 ? '' : 's'}.\n`
    : `${total} problem${total === 1 ? '' : 's'} (${counts.error} error${counts.error === 1 ? '' : 's'}, ${counts.warning} warning${counts.warning === 1 ? '' : 's'}) in ${results.length} file${results.length === 1 ? '' : 's'}.\n`;
  return out;
}

function toJsonFindings(r: FileResult) {
  return r.diagnostics.map((d) => ({
    file: r.path,
    line: d.range.start.line + 1,
    column: d.range.start.character + 1,
    endLine: d.range.end.line + 1,
    endColumn: d.range.end.character + 1,
    severity: severityName(d),
    rule: ruleOf(d),
    source: d.source,
    message: d.message,
  }));
}

const SARIF_LEVEL: Record<string, string> = { error: 'error', warning: 'warning', info: 'note', hint: 'note' };

function toSarif(results: FileResult[], version: string) {
  const used = [...new Set(results.flatMap((r) => r.diagnostics.map(ruleOf)))].sort();
  const sarifRules = used.map((id) => {
    const rule = ruleCatalog().find((x) => x.id === id);
    const crossFile = CROSS_FILE_CHECKS[id as keyof typeof CROSS_FILE_CHECKS];
    const entry: Record<string, unknown> = { id, shortDescription: { text: rule?.description ?? crossFile ?? id } };
    if (crossFile) {
      entry.helpUri = ruleDocsUrl(id);
      entry.defaultConfiguration = { level: 'error' };
    }
    if (rule) {
      entry.helpUri = ruleDocsUrl(id);
      entry.defaultConfiguration = { level: SARIF_LEVEL[rule.defaultSeverity === 'information' ? 'info' : rule.defaultSeverity] ?? 'none' };
    }
    return entry;
  });
  return {
    $schema: 'https://json.schemastore.org/sarif-2.1.0.json',
    version: '2.1.0',
    runs: [
      {
        tool: { driver: { name: 'dockerfile-stages', version, informationUri: REPOSITORY_URL, rules: sarifRules } },
        results: results.flatMap((r) =>
          r.diagnostics.map((d) => ({
            ruleId: ruleOf(d),
            ruleIndex: used.indexOf(ruleOf(d)),
            level: SARIF_LEVEL[severityName(d)],
            message: { text: d.message },
            locations: [
              {
                physicalLocation: {
                  artifactLocation: { uri: r.path.split('\\').join('/'), uriBaseId: '%SRCROOT%' },
                  region: {
                    startLine: d.range.start.line + 1,
                    startColumn: d.range.start.character + 1,
                    endLine: d.range.end.line + 1,
                    endColumn: d.range.end.character + 1,
                  },
                },
              },
            ],
          })),
        ),
      },
    ],
  };
}

const ANNOTATION: Record<string, string> = { error: 'error', warning: 'warning', info: 'notice', hint: 'notice' };

/** A GitHub Actions workflow command; data and property values escaped as the runner expects. */
function toAnnotation(path: string, d: Diagnostic): string {
  const data = (s: string) => s.replace(/%/g, '%25').replace(/\r/g, '%0D').replace(/\n/g, '%0A');
  const prop = (s: string) => data(s).replace(/:/g, '%3A').replace(/,/g, '%2C');
  const { start, end } = d.range;
  const props = [
    `file=${prop(path)}`,
    `line=${start.line + 1}`,
    `col=${start.character + 1}`,
    `endLine=${end.line + 1}`,
    `endColumn=${end.character + 1}`,
    `title=${prop(ruleOf(d))}`,
  ];
  return `::${ANNOTATION[severityName(d)]} ${props.join(',')}::${data(d.message)}\n`;
}
