import { readFileSync, readdirSync, readlinkSync } from 'node:fs';

export interface ListeningSocket {
  /** Dotted IPv4, or the IPv6 address as the kernel prints it (32 hex digits). */
  address: string;
  port: number;
}

const LISTEN = '0A';

/** `0100007F` → `127.0.0.1`: /proc/net/tcp prints IPv4 addresses as a little-endian hex word. */
function ipv4(hex: string): string {
  return [6, 4, 2, 0].map((at) => parseInt(hex.slice(at, at + 2), 16)).join('.');
}

/**
 * The TCP sockets a process (Linux) is listening on: the listening entries of /proc/net/tcp and
 * tcp6 whose inode is one of the process's open file descriptors. Reads the kernel's tables
 * directly, so it needs neither `ss` nor `lsof`.
 */
export function listeningSockets(pid: number): ListeningSocket[] {
  const inodes = new Set<string>();
  for (const fd of readdirSync(`/proc/${pid}/fd`)) {
    try {
      const target = readlinkSync(`/proc/${pid}/fd/${fd}`);
      const match = /^socket:\[(\d+)\]$/.exec(target);
      if (match) inodes.add(match[1]!);
    } catch {
      // Closed between the listing and the read.
    }
  }
  const sockets: ListeningSocket[] = [];
  for (const table of ['tcp', 'tcp6']) {
    for (const line of readFileSync(`/proc/${pid}/net/${table}`, 'utf8').split('\n').slice(1)) {
      const fields = line.trim().split(/\s+/);
      if (fields.length < 10 || fields[3] !== LISTEN || !inodes.has(fields[9]!)) continue;
      const [address, port] = fields[1]!.split(':') as [string, string];
      sockets.push({ address: table === 'tcp' ? ipv4(address) : address, port: parseInt(port, 16) });
    }
  }
  return sockets.sort((a, b) => a.port - b.port);
}
