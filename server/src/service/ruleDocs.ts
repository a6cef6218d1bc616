/** Where each rule's page lives (docs/rules/<id>.md in the repository); linked from codeDescription and SARIF. */
export const REPOSITORY_URL = 'https://github.com/dockerfile-stages/dockerfile-stages';

export function ruleDocsUrl(ruleId: string): string {
  return `${REPOSITORY_URL}/blob/main/docs/rules/${ruleId}.md`;
}
