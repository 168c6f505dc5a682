import type { ReturnAction, ReturnStatus } from '../../../db/tables/performance.ts';

/** A return's status as a GOV.UK tag, in words (the colour only repeats them). */
const STATUS: Record<ReturnStatus, { text: string; classes: string }> = {
  open: { text: 'Open', classes: 'govuk-tag--blue' },
  submitted: { text: 'Submitted for checking', classes: 'govuk-tag--yellow' },
  sent_back: { text: 'Sent back', classes: 'govuk-tag--red' },
  accepted: { text: 'Accepted', classes: 'govuk-tag--green' },
};
export const statusTag = (s: ReturnStatus) => STATUS[s];

const ACTIONS: Record<ReturnAction, string> = {
  opened: 'Opened',
  submitted: 'Submitted for checking',
  sent_back: 'Sent back',
  accepted: 'Accepted',
};
export const actionWords = (a: ReturnAction) => ACTIONS[a] ?? a;
