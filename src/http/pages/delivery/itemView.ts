import type { Actor } from '../../../auth/policy.ts';
import type { ItemDetail } from '../../../delivery/itemQueries.ts';
import { planRefusal } from '../../../delivery/planPolicy.ts';
import { PLAN_ITEM_STATUSES } from '../../../delivery/planStore.ts';
import { wordingDiffHtml } from '../../../delivery/wordingDiff.ts';
import { formErrors } from '../performance/performanceWords.ts';
import { agencyWords, datePartsOf, statusTag } from './deliveryWords.ts';

/* What the item page shows: the item, its histories, and the forms the rules allow (kept as typed after a problem). */

type Body = Record<string, unknown>;

export interface ItemFormState {
  statusForm?: { status: string; reason: string };
  update?: { body: string; links: string; date: Body };
  assign?: { person: string; agency: string; date: Body };
  problems?: { field: string; message: string }[];
  status?: number;
}

// A date input's error links to its first box, as the GOV.UK pattern asks.
const FIELD_IDS: Record<string, string> = { onDate: 'onDate-day', dueOn: 'dueOn-day', status: 'status' };

const typedDate = (date: Body | undefined, prefix: string, fallback: string | null) =>
  date
    ? {
        day: String(date[`${prefix}-day`] ?? ''),
        month: String(date[`${prefix}-month`] ?? ''),
        year: String(date[`${prefix}-year`] ?? ''),
      }
    : datePartsOf(fallback);

const sizeWords = (bytes: number | null) =>
  bytes === null ? '' : bytes < 1024 ? `${bytes} bytes` : `${(bytes / 1024).toFixed(bytes < 10_240 ? 1 : 0)} KB`;

/** The agencies an item may be assigned to, as the agency table names them. */
export type AgencyChoice = { code: string; name: string };

export function itemView(
  actor: Actor,
  planId: number,
  detail: ItemDetail,
  agencies: readonly AgencyChoice[],
  state: ItemFormState = {},
) {
  const { item } = detail;
  const owner = { ownerAgency: item.ownerAgency };
  const problems = (state.problems ?? []).map((p) => ({ ...p, field: FIELD_IDS[p.field] ?? p.field }));
  // Each version is shown against the words it replaced: the old wording the document gave, or the version before.
  const wordings = detail.wordings.map((w, i) => {
    const before = w.oldWording ?? detail.wordings[i + 1]?.wording ?? null;
    return { ...w, diffHtml: before === null ? null : wordingDiffHtml(before, w.wording) };
  });
  const statusValue = state.statusForm?.status ?? '';
  return {
    title: `${item.number ? `${item.number}: ` : ''}${item.themeTitle}`,
    planId,
    item: {
      ...item,
      tag: statusTag(item.status),
      ownerAgencyText: item.ownerAgency ? agencyWords(item.ownerAgency) : '',
      categoryText: item.category === 'new-section' ? 'new section' : item.category,
    },
    paragraphs: (detail.wordings[0]?.wording ?? '').split(/\n\s*\n/),
    parent: detail.parent,
    children: detail.children.map((c) => ({ ...c, tag: statusTag(c.status) })),
    wordings,
    statuses: detail.statuses.map((s) => ({ ...s, tag: statusTag(s.status) })),
    updates: detail.updates.map((u) => ({
      ...u,
      evidence: u.evidence.map((e) => ({ ...e, sizeText: sizeWords(e.sizeBytes) })),
    })),
    mayChange: planRefusal(actor, 'update', owner) === null,
    changeRefusal: planRefusal(actor, 'update', owner),
    mayAssign: planRefusal(actor, 'assign') === null,
    statusItems: PLAN_ITEM_STATUSES.map((s) => ({ value: s, text: statusTag(s).text, checked: s === statusValue })),
    reason: state.statusForm?.reason ?? '',
    updateBody: state.update?.body ?? '',
    updateLinks: state.update?.links ?? '',
    onDate: typedDate(state.update?.date, 'onDate', null),
    assign: {
      person: state.assign?.person ?? item.ownerPerson ?? '',
      dueOn: typedDate(state.assign?.date, 'dueOn', item.dueOn),
      agencyItems: [
        { value: '', text: 'No owner agency' },
        ...agencies.map((a) => ({
          value: a.code,
          text: a.name,
          selected: a.code === (state.assign ? state.assign.agency : item.ownerAgency),
        })),
      ],
    },
    ...formErrors(problems),
  };
}
