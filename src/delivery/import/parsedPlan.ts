import type { PlanItemCategory, PlanItemKind, PlanItemStatus, PlanKind } from '../../db/tables/delivery.ts';

/* What a parser reads out of a document, before anything touches the database. Pure data. */

/** A line the parser could not place in the plan, kept so the person importing can see what was left out. */
export interface UnplacedLine {
  line: number;
  text: string;
  reason: string;
}

export interface ParsedItem {
  /** 1-based line of the file the item starts on. */
  line: number;
  /** As written ("12", "4 a)"), or null where the document numbers nothing (emerging themes). */
  number: string | null;
  kind: PlanItemKind;
  category: PlanItemCategory;
  /** The wording in force, plain text. */
  wording: string;
  /** The wording it replaces when the document shows both (optional actions' "current wording"). */
  oldWording: string | null;
  /** The borough's update, plain text; '' when the cell is empty. */
  update: string;
  /**
   * Who leads the item and when it is due, for documents that say (Safer's template): a later round sets them as
   * written, empty cells clearing them. Absent for documents that never name owners, so their import leaves them.
   */
  owner?: { person: string | null; agency: string | null; dueOn: string | null };
  /** The status in force and its reason, where the document gives one (absent or null: the status is left as it is). */
  status?: { status: PlanItemStatus; reason: string } | null;
  children: ParsedItem[];
}

export interface ParsedTheme {
  line: number;
  number: string | null;
  title: string;
  description: string;
  items: ParsedItem[];
}

export interface ParsedPlan {
  kind: PlanKind;
  title: string;
  ownerAgency: string | null;
  period: string | null;
  themes: ParsedTheme[];
  unplaced: UnplacedLine[];
}

/** A document that cannot be read as the kind asked for: names the file and line so the sender can fix it. */
export class PlanImportError extends Error {
  constructor(
    readonly file: string,
    readonly line: number | null,
    reason: string,
  ) {
    super(`${file}${line === null ? '' : `, line ${line}`}: ${reason}`);
    this.name = 'PlanImportError';
  }
}
