import { z } from 'zod';

/** Database ids: positive 32-bit integers. */
const Id = z.coerce.number().int().positive().max(2_147_483_647);

export const ReportParams = z.object({ id: Id });
export const CommentParams = z.object({ id: Id, commentId: Id });
export const DownloadParams = z.object({
  id: Id,
  edition: z.enum(['internal', 'public']),
  format: z.enum(['html', 'pdf', 'docx', 'xlsx']),
});

/** `?edition=public` previews what the public edition will show; internal otherwise. */
export const PreviewQuery = z.object({ edition: z.enum(['internal', 'public']).catch('internal').default('internal') });

export const NewReportBody = z.object({
  _csrf: z.string(),
  template: z.string().trim().min(1, 'Choose a template').max(64),
  title: z.string().trim().max(200, 'The title must be 200 characters or fewer').default(''),
  area: z.string().trim().min(1, 'Choose an area').max(20),
  period: z.string().trim().min(1, 'Enter the period the report is about, for example 2024/25').max(40),
  compare: z.string().trim().max(40).default(''),
});

export const TransitionBody = z.object({
  _csrf: z.string(),
  reason: z.string().max(2000).default(''),
});

export const CommentBody = z.object({
  _csrf: z.string(),
  block: z.string().trim().max(64).default(''),
  body: z.string().max(4000).default(''),
});

/** The edit form: the version it started from, an optional note, and one `text-<block id>` field per block. */
export const EditBody = z
  .object({
    _csrf: z.string(),
    basedOn: Id,
    note: z.string().trim().max(200).default(''),
  })
  .catchall(z.string().max(20_000, 'The text of a block must be 20,000 characters or fewer'));
