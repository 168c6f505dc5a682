import { deserialize, serialize } from 'node:v8';
import type { Socket } from 'node:net';

/**
 * Messages between Safer processes on one machine, as length-prefixed V8 serialisations: both ends are
 * Node, and V8's format carries what SQL parameters and rows hold (bigint, Date, Uint8Array, null)
 * without a JSON mapping of our own.
 */
export function writeFrame(socket: Socket, message: unknown): void {
  const body = serialize(message);
  const header = Buffer.allocUnsafe(4);
  header.writeUInt32BE(body.length, 0);
  socket.write(Buffer.concat([header, body]));
}

/** Cuts a byte stream into whole frames, whatever the chunk boundaries. */
export class FrameReader {
  private pending: Buffer[] = [];
  private pendingBytes = 0;

  push(chunk: Buffer): unknown[] {
    this.pending.push(chunk);
    this.pendingBytes += chunk.length;
    const messages: unknown[] = [];
    let buffer = this.pending.length === 1 ? this.pending[0]! : Buffer.concat(this.pending, this.pendingBytes);
    let offset = 0;
    while (buffer.length - offset >= 4) {
      const length = buffer.readUInt32BE(offset);
      if (buffer.length - offset - 4 < length) break;
      messages.push(deserialize(buffer.subarray(offset + 4, offset + 4 + length)));
      offset += 4 + length;
    }
    buffer = buffer.subarray(offset);
    this.pending = buffer.length > 0 ? [buffer] : [];
    this.pendingBytes = buffer.length;
    return messages;
  }
}
