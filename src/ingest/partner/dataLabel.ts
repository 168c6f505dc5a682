import type { LoadContext } from '../layout.ts';
import { DATA_LABELS } from './partnerVocabulary.ts';
import type { RecordFields } from './recordFields.ts';

type Label = (typeof DATA_LABELS)[number];

/**
 * Reads data_label and insists one file carries one label: a file is either
 * synthetic or real, never a mix that could pass synthetic rows off as real.
 */
export class DataLabelCheck {
  private first: { label: Label; line: number } | null = null;

  read(fields: RecordFields): Label | null {
    const label = fields.choice('data_label', DATA_LABELS, true);
    if (label === null) return null;
    if (!this.first) this.first = { label, line: fields.line };
    else if (label !== this.first.label) {
      return fields.problem(
        'data_label',
        label,
        `a file must carry one data label; line ${this.first.line} says ${this.first.label}`,
      );
    }
    return label;
  }

  /** Records the label on the batch, so every figure built from it can say SYNTHETIC. */
  async recordOnBatch(ctx: LoadContext): Promise<void> {
    if (!this.first) return;
    await ctx.trx
      .updateTable('import_batch')
      .set({ notes: `data_label ${this.first.label}` })
      .where('id', '=', ctx.batchId)
      .execute();
  }
}
