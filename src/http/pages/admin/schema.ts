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
