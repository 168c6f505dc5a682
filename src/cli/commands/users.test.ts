import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runSafer } from '../../../test/cliHarness.ts';
import { cliDatabaseEnv } from '../../../test/testDbEnv.ts';

// `safer users add` takes the agency and role as pages show them as well as by code.
let env: Record<string, string>;
let cleanup: () => Promise<void>;
beforeAll(async () => {
  ({ env, cleanup } = await cliDatabaseEnv());
});
afterAll(async () => {
  await cleanup();
});

const PASSWORD = ['--password', 'a long enough passphrase'];
const addUser = (email: string, agency: string, role: string) =>
  runSafer(['users', 'add', '--email', email, '--agency', agency, '--role', role, ...PASSWORD], env);

describe('safer users add --agency/--role', () => {
  it.each([
    ['manager@council.example', 'Local authority', 'Partnership manager', 'partnership_manager, local_authority'],
    ['owner@fire.example', 'FIRE-AND-RESCUE', 'data-owner', 'data_owner, fire'],
    ['viewer@vcs.example', 'voluntary and community sector', 'VIEWER', 'viewer, vcs'],
    ['analyst@police.example', 'police', 'analyst', 'analyst, police'],
  ])('%s: --agency %j --role %j stores the codes', async (email, agency, role, stored) => {
    expect(await addUser(email, agency, role)).toEqual({
      code: 0,
      stdout: `Added ${email} (${stored}).\n`,
      stderr: '',
    });
  });

  it('refuses an unknown agency, listing every code with its name, and adds nobody', async () => {
    expect(await addUser('x@y.example', 'Local', 'viewer')).toEqual({
      code: 2,
      stdout: '',
      stderr:
        'safer users add: unknown agency "Local"; use a code or name: fire (Fire and rescue), health (Health), local_authority (Local authority), police (Police), probation (Probation), vcs (Voluntary and community sector), youth_justice (Youth justice)\n',
    });
    expect(await addUser('x@y.example', 'health', 'viewer')).toEqual({
      code: 0,
      stdout: 'Added x@y.example (viewer, health).\n',
      stderr: '',
    });
  });

  it('refuses an unknown role, listing every code with its name, and adds nobody', async () => {
    expect(await addUser('z@y.example', 'health', 'Partnership')).toEqual({
      code: 2,
      stdout: '',
      stderr:
        'safer users add: unknown role "Partnership"; use a code or name: viewer (Viewer), analyst (Analyst), partnership_manager (Partnership manager), data_owner (Data owner), administrator (Administrator)\n',
    });
    expect(await addUser('z@y.example', 'health', 'Administrator')).toEqual({
      code: 0,
      stdout: 'Added z@y.example (administrator, health).\n',
      stderr: '',
    });
  });
});
