/*
 * A small partnership plan written in Safer's template, SYNTHETIC throughout (names, addresses and updates are
 * made up). Counted by hand: 3 themes (the third without items); 6 items: theme 1 has priority 1.1 with actions
 * 1.1.1 and 1.1.2 under it, and optional action 1.2; theme 2 has priority 2.1 with action 2.1.1; 3 statuses,
 * 2 updates (1.1.2's over two lines), 3 owners with e-mail addresses. Lines: plan 1–4, blank 5, header 6,
 * items 7–13 (1.1.2 spans 9–10), theme 3 on 14.
 */
export const SYNTHETIC_PLAN_TITLE = 'SYNTHETIC Community Safety Partnership Plan 2025-2028';

export const SYNTHETIC_PLAN_CSV = [
  `plan_title,${SYNTHETIC_PLAN_TITLE}`,
  'plan_kind,strategy',
  'plan_owner_agency,local_authority',
  'plan_period,2025-2028',
  '',
  'theme_number,theme_title,item_number,parent_item_number,kind,category,wording,owner_person,owner_agency,due_date,status,status_reason,update',
  '1,Reducing serious violence,1.1,,priority,core,Reduce violence with injury in the night-time economy (SYNTHETIC),,,,,,',
  '1,Reducing serious violence,1.1.1,1.1,action,core,Fund two street pastor patrols each weekend (SYNTHETIC),dana.cole@example.org,local_authority,2026-03-31,on track,Patrols started in January (SYNTHETIC),First patrols ran on 10 January (SYNTHETIC).',
  '1,Reducing serious violence,1.1.2,1.1,action,core,"Agree a licensing condition for late venues, including search on entry (SYNTHETIC)",sgt.obi@example.org,police,2025-12-31,at risk,Two venues have appealed (SYNTHETIC),"Venue A agreed (SYNTHETIC).',
  'Venue B appealed (SYNTHETIC)."',
  '1,Reducing serious violence,1.2,,action,optional,Run a weapons amnesty bin in each ward (SYNTHETIC),,police,2026-06-30,,,',
  '2,Tackling domestic abuse,2.1,,priority,core,Every referral to MARAC is seen within ten working days (SYNTHETIC),,,,,,',
  '2,Tackling domestic abuse,2.1.1,2.1,action,core,"Recruit a second IDVA for the hospital, with its own line manager (SYNTHETIC)",amina.khan@example.org,health,2026-01-31,not started,Funding bid not yet decided (SYNTHETIC),',
  '3,Safer neighbourhoods,,,,,,,,,,,',
  '',
].join('\r\n');
