import { sql, type Kysely, type Selectable } from 'kysely';
import type { DB } from '../db/schema.ts';
import type { AppUserTable } from '../db/tables/platform.ts';
import type { Actor, Role } from './policy.ts';
import { hashPassword } from './passwordHash.ts';

export type AppUser = Selectable<AppUserTable>;

export function actorOf(user: Pick<AppUser, 'id' | 'email' | 'agency_code' | 'role'>): Actor {
  return { id: user.id, email: user.email, agency: user.agency_code, role: user.role };
}

export async function findUserByEmail(db: Kysely<DB>, email: string): Promise<AppUser | undefined> {
  return db
    .selectFrom('app_user')
    .selectAll()
    .where(sql<string>`lower(email)`, '=', email.trim().toLowerCase())
    .executeTakeFirst();
}

export async function findUserById(db: Kysely<DB>, id: number): Promise<AppUser | undefined> {
  return db.selectFrom('app_user').selectAll().where('id', '=', id).executeTakeFirst();
}

export async function listUsers(db: Kysely<DB>): Promise<AppUser[]> {
  return db.selectFrom('app_user').selectAll().orderBy('agency_code').orderBy('email').execute();
}

export interface NewUser {
  email: string;
  agency: string;
  role: Role;
  password: string | null;
  displayName?: string;
}

/** Creates a user; the caller has already checked the password against the rules. */
export async function insertUser(db: Kysely<DB>, user: NewUser): Promise<AppUser> {
  return db
    .insertInto('app_user')
    .values({
      email: user.email.trim(),
      agency_code: user.agency,
      role: user.role,
      display_name: user.displayName ?? '',
      password_hash: user.password === null ? null : await hashPassword(user.password),
    })
    .returningAll()
    .executeTakeFirstOrThrow();
}

export async function countUsers(db: Kysely<DB>): Promise<number> {
  const row = await db
    .selectFrom('app_user')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

export async function listAgencies(db: Kysely<DB>) {
  return db.selectFrom('agency').selectAll().orderBy('name').execute();
}
