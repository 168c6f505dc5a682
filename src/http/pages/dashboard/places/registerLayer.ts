import type { Actor } from '../../../../auth/policy.ts';
import type { Chart, ChartTable } from '../../../../charts/chart.ts';
import { lastDayOf, monthToDate } from '../../../../domain/periods/month.ts';
import { parsePeriod } from '../../../../domain/periods/parsePeriod.ts';
import {
  type LayerAreaCount,
  layerOverlay,
  type RegisterLayerInput,
  registerLayerChart,
  withLayer,
} from '../../../../figureViews/areaMaps.ts';
import { areaShapesIn } from '../../../../maps/boundaries.ts';
import {
  type LayerChoice,
  layerChoices,
  type PlaceEntry,
  placeEntries,
  registerLayerData,
} from '../../../../registers/counts/registerLayer.ts';
import type { Services } from '../../../../services.ts';

/** The base maps the places page drew (from its chart cache), which a layer is drawn over. */
export interface BaseMaps {
  choropleth: Chart | null;
  hotspots: Chart | null;
  vintage: string | null;
  hotspotCodes?: string[];
}

export interface PlacesLayer {
  choices: (LayerChoice & { selected: boolean; text: string })[];
  /** The chosen layer: its own map when there is no choropleth, its table, and notes; or why it is not shown. */
  layer: { title: string; chart: Chart | null; table: ChartTable; notes: string[]; mode: 'points' | 'counts' } | null;
  refused: string | null;
  /** The base maps with the layer drawn over them. */
  choropleth: Chart | null;
  hotspots: Chart | null;
  /** Register entries within the chosen ward or LSOA. */
  place: { entries: PlaceEntry[]; more: boolean } | null;
}

const dates = (periodLabel: string) => {
  const p = parsePeriod(periodLabel);
  return { from: monthToDate(p.start), to: lastDayOf(p.end) };
};

/** The places page's register layer and a place's register entries (issue 20). */
export async function placesLayer(
  services: Services,
  actor: Actor,
  input: {
    layerId: string | undefined;
    borough: string | null;
    level: 'ward' | 'lsoa';
    period: string;
    area: { type: string; code: string };
    maps: BaseMaps | null;
  },
): Promise<PlacesLayer> {
  const registers = await services.registers();
  const span = dates(input.period);
  const choices = (await layerChoices(services.db, actor, registers)).map((c) => ({
    ...c,
    selected: c.id === input.layerId,
    text: `${c.name} (${c.mode === 'points' ? 'points' : 'counts by area, small numbers withheld'})`,
  }));
  const area = input.area;
  const place =
    area.type === 'ward' || area.type === 'lsoa'
      ? await placeEntries(services.db, actor, registers, { type: area.type, code: area.code }, span, services.now())
      : null;
  const out: PlacesLayer = {
    choices,
    layer: null,
    refused: null,
    choropleth: input.maps?.choropleth ?? null,
    hotspots: input.maps?.hotspots ?? null,
    place,
  };
  const register = input.layerId ? registers.get(input.layerId) : undefined;
  if (input.layerId && !register) return { ...out, refused: `there is no register "${input.layerId}"` };
  if (!register || input.borough === null) return out;
  const data = await registerLayerData(services.db, actor, register, { ...span, level: input.level }, services.now());
  if (data.kind === 'refused') return { ...out, refused: data.message };

  const sets = await areaShapesIn(services.db, input.borough, input.level);
  const counts: LayerAreaCount[] =
    data.kind === 'counts'
      ? data.counts.rows.map((r) => ({ code: r.key, name: r.label, value: r.value, shown: r.shown }))
      : [];
  // The choropleth's own outlines when there is one (same projection); else the set the counts' codes match best.
  const set =
    sets.find((s) => s.vintage === input.maps?.vintage) ??
    [...sets].sort(
      (a, b) =>
        b.shapes.filter((s) => counts.some((c) => c.code === s.code)).length -
        a.shapes.filter((s) => counts.some((c) => c.code === s.code)).length,
    )[0];
  if (!set) return { ...out, refused: 'no boundaries are held for this borough' };
  const names = new Map(set.shapes.map((s) => [s.code, s.name]));
  const placeOf = (ward: string | null, lsoa: string | null) => {
    const code = input.level === 'ward' ? ward : lsoa;
    return code === null ? 'not known' : (names.get(code) ?? code);
  };
  const title = `${register.name}, ${input.period}`;
  const layerInput = (geometries: RegisterLayerInput['geometries'], codes: string[]): RegisterLayerInput => ({
    id: 'register-layer',
    title,
    entryName: register.entryName,
    level: input.level,
    geometries,
    codes,
    ...(data.kind === 'points'
      ? {
          points: data.points.map((p) => ({
            reference: p.reference,
            date: p.occurredOn,
            lon: p.lon,
            lat: p.lat,
            href: `/registers/${register.id}/entries/${p.id}`,
            place: placeOf(p.wardCode, p.lsoaCode),
          })),
        }
      : { counts }),
  });
  const all = layerInput(
    set.shapes.map((s) => s.geometry),
    set.shapes.map((s) => s.code),
  );
  const own = registerLayerChart(all);
  const notes: string[] = [];
  if (data.kind === 'points' && data.more) notes.push(`Only the latest ${data.points.length} entries are drawn.`);
  if (data.kind === 'points' && data.withoutPoint > 0)
    notes.push(`${data.withoutPoint} entries have an area but no point, and are not drawn.`);
  if (data.kind === 'counts' && data.counts.access === 'suppressed')
    notes.push(
      `You see counts of this register, not its entries: ${data.counts.rule?.description}, and further counts withheld where a total would reveal them.`,
    );
  let choropleth = out.choropleth;
  let hotspots = out.hotspots;
  if (choropleth)
    choropleth = {
      ...choropleth,
      svg: withLayer(choropleth.svg, layerOverlay(all)),
      description: `${choropleth.description} Register layer: ${own.description}`,
    };
  if (hotspots && input.maps?.hotspotCodes) {
    const shapes = input.maps.hotspotCodes
      .map((c) => set.shapes.find((s) => s.code === c))
      .filter((s) => s !== undefined);
    const drawn = layerInput(
      shapes.map((s) => s.geometry),
      shapes.map((s) => s.code),
    );
    hotspots = { ...hotspots, svg: withLayer(hotspots.svg, layerOverlay({ ...drawn, id: 'register-layer-hotspots' })) };
  }
  return {
    ...out,
    choropleth,
    hotspots,
    layer: {
      title,
      chart: choropleth ? null : own,
      table: own.table,
      notes,
      mode: data.kind === 'points' ? 'points' : 'counts',
    },
  };
}
