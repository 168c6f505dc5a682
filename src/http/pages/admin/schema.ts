import { z } from 'zod';
import { ROLES } from '../../../auth/policy.ts';

export const NewUserBody = z.object({
  email: z.string().trim().toLowerCase().email('Enter an email address like name@agency.gov.uk').max(320),
  agency: z.string().min(1, 'Choose an agency').max(50),
  role: z.enum(ROLES, { message: 'Choose a role' }),
  password: z.string().max(1024),
  _csrf: z.string(),
});

export const UpdateUserBody = z.object({
  agency: z.string().min(1).max(50),
  role: z.enum(ROLES),
  disabled: z.enum(['true', 'false']).default('false'),
  unlock: z.enum(['true']).optional(),
  _csrf: z.string(),
});

export const NewTokenBody = z.object({
  email: z.string().trim().toLowerCase().email('Enter the email address of the token holder').max(320),
  name: z.string().trim().min(1, 'Enter a name for the token').max(100),
  scope: z.enum(['read', 'write'], { message: 'Choose read or write' }),
  _csrf: z.string(),
});

export const IdParams = z.object({ id: z.coerce.number().int().positive().max(2_147_483_647) });

export const ApprovalBody = z.object({
  decision: z.enum(['approve', 'refuse']),
  role: z.enum(ROLES).default('viewer'),
  _csrf: z.string(),
});

export const ProviderBody = z.object({
  name: z.string().trim().min(1, 'Enter the name people see on the sign-in button').max(100),
  issuer: z
    .string()
    .trim()
    .url('Enter the issuer address, such as https://login.microsoftonline.com/<tenant>/v2.0')
    .max(500),
  clientId: z.string().trim().min(1, 'Enter the client (application) ID').max(200),
  clientSecret: z.string().max(500).default(''),
  allowedDomains: z
    .string()
    .trim()
    .min(1, 'Enter at least one email domain, such as council.gov.uk')
    .max(1000)
    .regex(/^[\w.\-@,\s]+$/, 'Enter email domains separated by spaces or commas'),
  groupsClaim: z.string().trim().max(100).default(''),
  groupRoles: z.string().max(5000).default(''),
  mfaAcrValues: z.string().trim().max(1000).default(''),
  enabled: z.enum(['true', 'false']).default('true'),
  _csrf: z.string(),
});
