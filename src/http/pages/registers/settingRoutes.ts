import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import {
  mayChooseOverview,
  type OverviewChoice,
  overviewChoice,
  setOverviewChoice,
} from '../../../registers/counts/overviewSetting.ts';
import type { RegisterSet } from '../../../registers/loadRegisters.ts';
import type { Services } from '../../../services.ts';
import { HttpError } from '../../errors.ts';
import { requireActor } from '../../guards.ts';
import { registerCountsPage } from './settingCounts.ts';

const NONE = 'none';
const SettingForm = z.object({ overview: z.string().max(200).optional() }).passthrough();

/** The radios: no register count, or one measure of one register ("register:measure"). */
function choices(registers: RegisterSet, chosen: string) {
  return [
    { value: NONE, text: 'No register count on the overview', checked: chosen === NONE },
    ...registers.all.flatMap((r) =>
      r.measures.map((m) => {
        const value = `${r.id}:${m.id}`;
        return { value, text: `${m.label} (${r.name})`, checked: value === chosen };
      }),
    ),
  ];
}

/** "register:measure" to a choice, or why it is not one. */
function choiceOf(registers: RegisterSet, value: string | undefined): OverviewChoice | null | string {
  if (value === undefined || value === '') return 'Choose what the overview shows';
  if (value === NONE) return null;
  const [registerId = '', measureId = ''] = value.split(':');
  const register = registers.get(registerId);
  if (!register?.measures.some((m) => m.id === measureId)) return 'Choose a register count from the list';
  return { registerId, measureId };
}

/** The partnership's register settings: which register count shows on the overview (issue 20); and the counts page. */
export function registerSettingRoutes(services: Services) {
  return async function routes(app: FastifyInstance) {
    await app.register(registerCountsPage(services));

    const guard = (request: Parameters<typeof requireActor>[0]) => {
      const actor = requireActor(request);
      if (!mayChooseOverview(actor))
        throw new HttpError(403, 'FORBIDDEN', 'Only a partnership manager changes the register settings');
      return actor;
    };

    app.get('/registers/settings', async (request, reply) => {
      guard(request);
      const registers = await services.registers();
      const current = await overviewChoice(services.db, registers);
      const saved = (request.query as Record<string, unknown>).saved === '1';
      return reply.view('pages/registers/settings.njk', {
        title: 'Register settings',
        items: choices(registers, current === null ? NONE : `${current.registerId}:${current.measureId}`),
        saved,
        errorList: [],
      });
    });

    app.post('/registers/settings', async (request, reply) => {
      const actor = guard(request);
      const registers = await services.registers();
      const form = SettingForm.safeParse(request.body);
      const value = form.success ? form.data.overview : undefined;
      const choice = choiceOf(registers, value);
      if (typeof choice === 'string')
        return reply.status(400).view('pages/registers/settings.njk', {
          title: 'Register settings',
          errorTitle: true,
          items: choices(registers, value ?? ''),
          saved: false,
          errorList: [{ text: choice, href: '#overview' }],
          error: choice,
        });
      await setOverviewChoice(services.db, actor, registers, choice, services.now());
      return reply.redirect('/registers/settings?saved=1', 303);
    });
  };
}
