import type { FastifyReply } from 'fastify';
import type { Actor } from '../../../auth/policy.ts';
import type { RawEntry } from '../../../domain/performance/returnValidation.ts';
import { describeUnit } from '../../../performance/describeIndicator.ts';
import { type FieldProblem, PERFORMANCE_STATUS, PerformanceError } from '../../../performance/performanceError.ts';
import { getReturn, type ReturnDetail } from '../../../performance/returns/returnQueries.ts';
import { canCheckReturn, canEnterReturn, canSeeReturn } from '../../../performance/store/performancePolicy.ts';
import type { Services } from '../../../services.ts';
import { forbidden, HttpError } from '../../errors.ts';
import { formatValue, formErrors, returnFieldId } from './performanceWords.ts';
import { actionWords, statusTag } from './returnWords.ts';

/*
 * One return's page: the agency's form (one fieldset per indicator), the checkers' accept and send-back forms,
 * and for everyone allowed to see it, its status, events and corrections. Who may see it is decided before
 * anything is read out of it; a refused or wrong form re-renders this page with what was typed kept.
 */

/** What the page shows after a refused form: the typed entries (by indicator id), problems, and other inputs. */
export interface PageState {
  entries?: Record<string, RawEntry>;
  problems?: readonly FieldProblem[];
  reason?: string;
  sendBackReason?: string;
  status?: number;
}

/** The return, or the HTTP error a page shows: 404 for no such return, 403 for anyone who may not see it. */
export async function visibleReturn(services: Services, actor: Actor, id: number): Promise<ReturnDetail> {
  let ret: ReturnDetail;
  try {
    ret = await getReturn(services.db, id, services.now().toISOString().slice(0, 10));
  } catch (error) {
    throw httpOf(error);
  }
  if (!canSeeReturn(actor, ret.agency)) throw forbidden();
  return ret;
}

/** A store refusal as an HTTP error (the 403 and 404 pages); anything else is not the page's to explain. */
export function httpOf(error: unknown): unknown {
  if (!(error instanceof PerformanceError)) return error;
  return new HttpError(PERFORMANCE_STATUS[error.code], error.code, error.message);
}

const asText = (n: number | null | undefined) => (n === null || n === undefined ? '' : String(n));

/** Where a file problem is in the file, in words for the summary. */
const placed = (p: FieldProblem) =>
  p.line === undefined ? p.message : `Line ${p.line}${p.column ? `, column ${p.column}` : ''}: ${p.message}`;

export function returnView(actor: Actor, ret: ReturnDetail, state: PageState = {}) {
  const problems = state.problems ?? [];
  const mayEnter = canEnterReturn(actor, ret.agency) && (ret.status === 'open' || ret.status === 'sent_back');
  const everSubmitted = ret.events.some((e) => e.action === 'submitted');
  const errors = formErrors(problems.map((p) => ({ field: returnFieldId(p), message: placed(p) })));
  const fieldsets = ret.asks.map((i) => {
    const stored = ret.current.get(i.id);
    const typed = state.entries?.[i.id];
    const confirm = problems.some((p) => p.indicatorId === i.id && p.needsConfirmation);
    return {
      id: i.id,
      name: i.name,
      unit: describeUnit(i.unit),
      parts: i.unit.kind === 'count' ? null : i.unit,
      values: {
        value: typed?.value ?? asText(stored?.value),
        numerator: typed?.numerator ?? asText(stored?.numerator),
        denominator: typed?.denominator ?? asText(stored?.denominator),
        commentary: typed?.commentary ?? stored?.commentary ?? '',
        outlierNote: typed?.outlierNote ?? stored?.outlierNote ?? '',
        confirmOutlier: typed?.confirmOutlier === true,
      },
      // The confirmation appears when the check asks for it, and stays once a note was given.
      askConfirmation: confirm || (typed?.outlierNote ?? '') !== '' || (stored?.outlierNote ?? '') !== '',
      current: stored ? formatValue(stored.value, i.unit) : null,
      synthetic: stored?.synthetic ?? false,
    };
  });
  const lastEvent = ret.events.at(-1);
  // Corrections are changes after a submission: the store requires their reason. Edits before the first
  // submission replace a draft value and carry none, so they are not listed as corrections.
  const corrections = ret.history
    .filter((v) => v.replaces !== null && v.reason !== '')
    .map((v) => {
      const before = ret.history.find((h) => h.id === v.replaces);
      const indicator = ret.asks.find((i) => i.id === v.indicatorId);
      const f = (n: number | undefined) =>
        n === undefined || !indicator ? String(n ?? '') : formatValue(n, indicator.unit);
      return { ...v, name: indicator?.name ?? v.indicatorId, from: f(before?.value), to: f(v.value) };
    });
  return {
    title: `${ret.agencyName} return, ${ret.quarter}`,
    ret,
    tag: statusTag(ret.status),
    mayEnter,
    mayCheck: ret.status === 'submitted' && canCheckReturn(actor, ret.submittedBy),
    fourEyes: ret.status === 'submitted' && ret.submittedBy === actor.id,
    needsReason: mayEnter && everSubmitted,
    sentBack: ret.status === 'sent_back' && lastEvent?.action === 'sent_back' ? lastEvent : null,
    fieldsets,
    events: ret.events.map((e) => ({ ...e, words: actionWords(e.action) })),
    corrections,
    reason: state.reason ?? '',
    sendBackReason: state.sendBackReason ?? '',
    ...errors,
  };
}

export async function sendReturnPage(
  services: Services,
  reply: FastifyReply,
  actor: Actor,
  id: number,
  state: PageState = {},
) {
  const ret = await visibleReturn(services, actor, id);
  return reply.status(state.status ?? 200).view('pages/performance/return.njk', returnView(actor, ret, state));
}
