import { readByteCsv } from './byteCsv.ts';
import { readCsvRecords, type CsvOptions } from './csvRecords.ts';
import type { FileInfo, LoadContext } from './layout.ts';
import type { TextEncoding } from './textSource.ts';

/** The record readers a LoadContext gives its layout, for one file (in-process or in an import worker). */
export function fileReaders(
  file: FileInfo,
  encoding: TextEncoding | undefined,
  onBytes: ((bytesRead: number) => void) | undefined,
): Pick<LoadContext, 'dataRecords' | 'byteRecords'> {
  return {
    dataRecords: (csv?: CsvOptions) => skipFirst(readCsvRecords(file.path, file.label, { encoding, onBytes, ...csv })),
    byteRecords: () => readByteCsv(file.path, file.label, { encoding, onBytes }),
  };
}

async function* skipFirst<T>(items: AsyncGenerator<T>): AsyncGenerator<T> {
  let first = true;
  for await (const item of items) {
    if (!first) yield item;
    first = false;
  }
}
