/**
 * The parse-only baseline for street files: the importer's own byte path
 * (readByteCsv → StreetByteRows → StreetRowValidator, and the string path
 * for the rows it hands back), with every database step replaced by an
 * in-memory stand-in and rows encoded into one scratch buffer that is
 * reused, never sent. So "vs parse-only" compares the import with exactly
 * the reading and checking it does, minus storing.
 */
import { BinaryCopyRows } from '../../src/ingest/binaryCopyRows.ts';
import { readByteCsv } from '../../src/ingest/byteCsv.ts';
import type { FileInfo } from '../../src/ingest/layout.ts';
import { locateColumns } from '../../src/ingest/policeUk/columns.ts';
import { StreetByteRows, type StreetRowSink } from '../../src/ingest/policeUk/streetByteRows.ts';
import { emptyStreetValues, readStreetValues, STREET_COLUMNS } from '../../src/ingest/policeUk/streetLayout.ts';
import { StreetRowValidator } from '../../src/ingest/policeUk/streetRowValidator.ts';
import { PoliceUkSliceAreas } from '../../src/ingest/policeUk/policeUkSliceArea.ts';
import { ProblemCollector } from '../../src/ingest/problems.ts';
import { DONE } from '../../src/ingest/sliceWriter.ts';

const SCRATCH_BYTES = 2 << 20;

function memorySink(): StreetRowSink {
  const slices = new Map<string, number>();
  const categories = new Map<string, number>();
  const lsoas = new Map<string, number>();
  const labels = new Map<string, number>();
  const areas = new PoliceUkSliceAreas();
  let scratch = new BinaryCopyRows(SCRATCH_BYTES + (64 << 10));
  const idOf = <K>(map: Map<K, number>, key: K): number => {
    const known = map.get(key);
    if (known !== undefined) return known;
    map.set(key, map.size);
    return map.size - 1;
  };
  return {
    sliceOf: (key) => idOf(slices, `${key.areaCode}|${key.month}|${key.scope}`),
    categoryIdOf: (crimeType) => idOf(categories, crimeType),
    labelIdOf: (text) => idOf(labels, text),
    areaOf: (code, name) => areas.areaOf(code, name),
    scopeOf: (fallsWithin, crimeType) => `${fallsWithin}|${crimeType}`,
    noteMonth: () => {},
    writing: () => true,
    pointLsoaOf: (code) => idOf(lsoas, code),
    binaryRow: (slice) => {
      scratch.row(13);
      scratch.int8(slice);
      return scratch;
    },
    rowWritten: () => {
      if (scratch.size >= SCRATCH_BYTES) scratch = new BinaryCopyRows(SCRATCH_BYTES + (64 << 10));
      return DONE;
    },
  };
}

/** Reads and checks every row of a police.uk street CSV as the importer does; returns rows read and problems found. */
export async function parseStreetBytes(info: FileInfo): Promise<{ rows: number; problems: number }> {
  const problems = new ProblemCollector();
  const { index, name } = locateColumns(info, STREET_COLUMNS);
  const validator = new StreetRowValidator(name, problems, 1 << 20);
  const byteRows = new StreetByteRows(memorySink(), validator, index);
  const v = emptyStreetValues();
  let rows = 0;
  for await (const cursor of readByteCsv(info.path, info.label)) {
    while (cursor.next()) {
      rows += 1;
      const written = cursor.fast ? byteRows.add(cursor) : null;
      if (written === null) {
        readStreetValues(cursor.fast ? cursor.fastCells() : cursor.cells, index, v);
        validator.validate({ line: cursor.line }, v);
      }
    }
  }
  return { rows, problems: problems.total };
}
