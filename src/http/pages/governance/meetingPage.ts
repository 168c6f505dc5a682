import type { Actor } from '../../../auth/policy.ts';
import { actionsForMeeting } from '../../../governance/actionQueries.ts';
import { storedAgenda } from '../../../governance/agenda.ts';
import { boardDetail, membersOn } from '../../../governance/boardQueries.ts';
import {
  actionStatusRefusal,
  canManageBoards,
  canReadBoardContent,
  minutingRefusal,
  seatOn,
} from '../../../governance/governancePolicy.ts';
import { describeDate, describeMeetingTime, londonClock, londonDate } from '../../../governance/londonTime.ts';
import { meetingWithBoard } from '../../../governance/meetingAccess.ts';
import { meetingRecord } from '../../../governance/meetingRecord.ts';
import { workOutQuoracy } from '../../../governance/quoracy.ts';
import type { Services } from '../../../services.ts';
import {
  ACTION_STATUS_TAG,
  agencyItems,
  agencyName,
  type Form,
  formErrors,
  MEETING_STATUS_TAG,
  type Problem,
  ROLE_WORDS,
} from './governanceWords.ts';

/*
 * What a meeting's page shows. Everyone signed in (not administrators) sees the board, the time and the place; a
 * restricted board's agenda, attendance, minutes, decisions and actions only its current members.
 */

export async function meetingContext(
  services: Services,
  actor: Actor,
  meetingId: number,
  problems: readonly Problem[] = [],
  values: Form = {},
) {
  const db = services.db;
  const meeting = await meetingWithBoard(db, meetingId);
  const today = londonDate(services.now());
  const readable = canReadBoardContent(actor, meeting.restricted, await seatOn(db, meeting.boardId, actor.id, today));
  const mayMinute =
    minutingRefusal(actor, meeting.boardName, await seatOn(db, meeting.boardId, actor.id, meeting.date)) === null;
  const base = {
    title: `${meeting.boardName}, ${describeDate(meeting.date)}`,
    meeting,
    when: describeMeetingTime(meeting.startsAt, meeting.endsAt),
    statusTag: MEETING_STATUS_TAG[meeting.status],
    readable,
    mayManage: canManageBoards(actor),
    mayMinute,
    mayBuildAgenda: mayMinute || canManageBoards(actor),
    values: {
      'reschedule-date': meeting.date,
      'reschedule-startTime': londonClock(meeting.startsAt),
      'reschedule-endTime': londonClock(meeting.endsAt),
      'reschedule-location': meeting.location,
      'reschedule-status': meeting.status,
      ...values,
    },
    ...formErrors(problems),
  };
  if (!readable) return base;

  const board = await boardDetail(db, meeting.boardId);
  const members = membersOn(board?.members ?? [], meeting.date);
  const record = await meetingRecord(db, meetingId);
  const quoracy = workOutQuoracy(meeting.quorum, members, record.attendance);
  const attended = new Map(record.attendance.map((a) => [a.userId, a.attendance]));
  const actions = await actionsForMeeting(db, meeting);
  const earlierDecisions = await db
    .selectFrom('decision')
    .innerJoin('meeting', 'meeting.id', 'decision.meeting_id')
    .select(['decision.id', 'decision.number', 'meeting.starts_at'])
    .where('meeting.board_id', '=', meeting.boardId)
    .where('meeting.starts_at', '<=', meeting.startsAt)
    .orderBy('meeting.starts_at')
    .orderBy('decision.id')
    .execute();
  const latestMinutes = record.minutes[0] ?? null;
  return {
    ...base,
    agenda: await storedAgenda(db, meetingId),
    quoracy,
    attendance: record.attendance.map((a) => ({ ...a, agency: agencyName(a.agencyCode) })),
    register: members.map((m) => ({
      ...m,
      agency: agencyName(m.agencyCode),
      roleWords: ROLE_WORDS[m.role],
      attendance: attended.get(m.userId) ?? '',
    })),
    substitutes: record.attendance
      .filter((a) => a.attendance === 'substitute')
      .map((a) => ({ ...a, agency: agencyName(a.agencyCode) })),
    substituteAgencyItems: agencyItems(values['attendance-substituteAgency']),
    latestMinutes,
    latestMinutesParagraphs: latestMinutes ? latestMinutes.body.split(/\n\s*\n/) : [],
    earlierMinutes: record.minutes.slice(1),
    decisions: record.decisions.map((d) => ({
      ...d,
      supersedes: earlierDecisions.find((e) => e.id === d.supersedesDecisionId) ?? null,
    })),
    supersedeItems: [
      { value: '', text: 'None' },
      ...earlierDecisions.map((d) => ({
        value: String(d.id),
        text: `Decision ${d.number} of ${describeDate(londonDate(new Date(d.starts_at)))}`,
        selected: values['decision-supersedes'] === String(d.id),
      })),
    ],
    decisionItems: [
      { value: '', text: 'None' },
      ...record.decisions.map((d) => ({
        value: String(d.id),
        text: `Decision ${d.number}`,
        selected: values['action-decision'] === String(d.id),
      })),
    ],
    ownerItems: [
      { value: '', text: 'Choose the owner' },
      ...members.map((m) => ({
        value: String(m.userId),
        text: `${m.name} (${agencyName(m.agencyCode)})`,
        selected: values['action-owner'] === String(m.userId),
      })),
    ],
    actions: actions.map((a) => ({
      ...a,
      tag: ACTION_STATUS_TAG[a.status],
      agency: a.ownerAgency ? agencyName(a.ownerAgency) : '',
      due: a.dueOn ? describeDate(a.dueOn) : 'No due date',
      overdue: a.status === 'open' && a.dueOn !== null && a.dueOn < today,
      carriedFrom: a.carriedForwardFrom ? describeDate(a.carriedForwardFrom) : null,
      mayChange: actionStatusRefusal(actor, a.ownerUserId, readable) === null,
    })),
  };
}
