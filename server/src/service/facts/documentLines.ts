/** The document's lines as the editor counts them (\n, \r\n and a lone \r each end a line), without their line breaks. */
import type { StageModel } from '../model';
import { perModel } from './memo';

export function documentLines(model: StageModel): readonly string[] {
  return perModel(model, 'documentLines', () => {
    const lines = model.document.getText().split(/\r\n|\r|\n/);
    return lines.length === model.document.lineCount ? lines : lines.slice(0, model.document.lineCount);
  });
}
