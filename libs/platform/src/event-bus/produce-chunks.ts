import { BusMessage } from './event-bus';

/** Kafka's per-record framing (lengths, offsets, timestamps) on top of key, value and headers; generous. */
const RECORD_OVERHEAD_BYTES = 64;

/** About how many bytes a message takes in a produce request. */
export function messageBytes(message: BusMessage): number {
  let bytes = RECORD_OVERHEAD_BYTES + Buffer.byteLength(message.topic) + Buffer.byteLength(message.key) + Buffer.byteLength(message.value);
  for (const [name, value] of Object.entries(message.headers)) bytes += Buffer.byteLength(name) + Buffer.byteLength(value) + 8;
  return bytes;
}

/**
 * Consecutive runs of `messages`, in order, each at most `maxBytes` (a message larger than that
 * goes alone: the broker decides, up to its `message.max.bytes`).
 */
export function splitByBytes(messages: BusMessage[], maxBytes: number): BusMessage[][] {
  const chunks: BusMessage[][] = [];
  let chunk: BusMessage[] = [];
  let size = 0;
  for (const message of messages) {
    const bytes = messageBytes(message);
    if (chunk.length > 0 && size + bytes > maxBytes) {
      chunks.push(chunk);
      chunk = [];
      size = 0;
    }
    chunk.push(message);
    size += bytes;
  }
  if (chunk.length > 0) chunks.push(chunk);
  return chunks;
}
