/**
 * missing-dockerignore: `COPY .` / `ADD .` while the build context has no .dockerignore: .git,
 * node_modules, build outputs and local secrets are sent to the builder and end up in the image.
 * Silent when the server or CLI could not tell whether the file exists.
 */
import { createDockerignore } from '../refactors/createDockerignore';
import { wholeContextSource } from '../facts/contextCopies';
import { asQuickFix, dataString } from './support/fixes';
import type { Rule } from './types';

export const missingDockerignore: Rule = {
  id: 'missing-dockerignore',
  defaultSeverity: 'information',
  description: 'COPY . or ADD . with no .dockerignore in the build context.',
  messages: {
    noDockerignore:
      '{keyword} . copies the whole build context, which has no .dockerignore: .git, dependency folders (node_modules, target/, …), build outputs and local secrets go into the build. Add a .dockerignore.',
  },
  check({ model, files }, report) {
    if (files.dockerignoreExists !== false) return;
    for (const stage of model.stages) {
      for (const instruction of stage.instructions) {
        const source = wholeContextSource(instruction);
        if (!source) continue;
        report({
          range: source,
          messageId: 'noDockerignore',
          data: { keyword: instruction.getKeyword(), ...(files.dockerignoreUri ? { uri: files.dockerignoreUri } : {}) },
        });
        return;
      }
    }
  },
  fix({ model }, diagnostic) {
    const uri = dataString(diagnostic, 'uri');
    if (!uri) return [];
    const fix = asQuickFix(createDockerignore(model, uri), diagnostic, 'Create a .dockerignore');
    return fix ? [fix] : [];
  },
};
