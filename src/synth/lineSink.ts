import { createWriteStream, type WriteStream } from 'node:fs';
import { rename } from 'node:fs/promises';
import { once } from 'node:events';
import { finished } from 'node:stream/promises';

const CHUNK = 256 * 1024;

/**
 * Streams text lines to a file in chunks, waiting when the disk is behind, so
 * memory stays flat for any number of records. Writes to `<path>.partial` and
 * renames on close: an interrupted run never leaves a file that looks complete.
 */
export class LineSink {
  private readonly stream: WriteStream;
  private buffer = '';

  constructor(private readonly path: string) {
    this.stream = createWriteStream(`${path}.partial`, { encoding: 'utf8' });
  }

  async write(line: string): Promise<void> {
    this.buffer += line;
    if (this.buffer.length >= CHUNK) await this.flush();
  }

  private async flush(): Promise<void> {
    if (this.buffer === '') return;
    const ok = this.stream.write(this.buffer);
    this.buffer = '';
    if (!ok) await once(this.stream, 'drain');
  }

  async close(): Promise<void> {
    await this.flush();
    this.stream.end();
    await finished(this.stream);
    await rename(`${this.path}.partial`, this.path);
  }
}
