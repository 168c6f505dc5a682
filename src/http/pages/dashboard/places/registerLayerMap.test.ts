import { describe, expect, it } from 'vitest';
import { READERS, useSignedInDashboard } from '../../../../../test/signedInDashboard.ts';
import { actorOf } from '../../../../auth/users.ts';
import { saveEntry } from '../../../../registers/entryStore.ts';

/*
 * A SYNTHETIC weapon sweep drawn over the real Tower Hamlets knife-crime maps (the dashboard fixture: MPS ward
 * counts): its circle sits inside the ward choropleth and the Gi* hot spot map, and its row in the layer's table.
 */
const t = useSignedInDashboard({ analyst: READERS.analyst, owner: READERS.owner });

describe('GET /dashboard/places with a register layer over the crime maps', () => {
  it('draws a sweep by Whitechapel station over the knife crime choropleth and hot spots, with its table row', async () => {
    const { services } = t.f.h;
    const owner = await services.db
      .selectFrom('app_user')
      .selectAll()
      .where('email', '=', READERS.owner[0])
      .executeTakeFirstOrThrow();
    const ctx = await services.registerContext();
    const day = ctx.today;
    const saved = await saveEntry(
      services.db,
      ctx,
      actorOf(owner),
      'weapon-sweeps',
      {
        swept_on: day,
        location: 'SYNTHETIC Whitechapel Waste',
        team: 'SNT',
        'items.knife': '2',
        latitude: '51.5195',
        longitude: '-0.0597',
      },
      { submit: true },
    );
    const res = await t.as.analyst.get(
      `/dashboard/places?area=E09000030&period=R12%20${day.slice(0, 7)}&layer=weapon-sweeps&what=category:POSSESSION%20OF%20WEAPONS`,
    );
    expect(res.statusCode).toBe(200);
    const figure = (id: string) => {
      const start = res.body.indexOf(`<figure class="app-chart-figure" id="${id}"`);
      return start === -1 ? '' : res.body.slice(start, res.body.indexOf('</figure>', start));
    };
    const marker = `data-reference="${saved.reference}"`;
    expect(figure('places-map-ward')).toContain(marker);
    const hot = figure('places-hotspots-ward');
    expect(hot).not.toBe('');
    expect(hot).toContain(marker);
    expect(figure('places-map-ward')).toContain('Register layer: 1 weapon sweep entries marked');
    const table = res.body.slice(res.body.indexOf('id="register-layer-table"'));
    expect(table).toContain(`>${saved.reference}</th>`);
    expect(table).toContain('Spitalfields &amp; Banglatown');
  });
});
