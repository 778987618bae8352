import { parseArgs } from 'node:util';

export type Section = 'p4' | 'p5' | 'p6';
const SECTIONS: readonly Section[] = ['p4', 'p5', 'p6'];

export interface Options {
  sections: ReadonlySet<Section>;
  /** P4: grants made through the admin gateway, at `rate` per second. */
  orders: number;
  rate: number;
  /** P4: how often each pending order is looked up in the grant history. */
  pollMs: number;
  /** P4: lookups in flight at most, across all pending orders. */
  maxLookups: number;
  /** P4: an order not visible after this long counts as lost (the run goes on). */
  visibleTimeoutMs: number;
  /** P4: OUTBOX_POLL_MS for rewards-catalog; unset keeps the service default. */
  outboxPollMs?: number;
  /** P5: order events published and ingested. */
  events: number;
  /** P5: rows per baseline insert. */
  batch: number;
  /** P6: synthetic grants, spread over `users` users of `tenants` tenants. */
  grants: number;
  users: number;
  tenants: number;
  /** P6: measured queries per path (random users, the same ones for every path). */
  queries: number;
  /** P6: longest wait for background merges after the fill. */
  mergeWaitSeconds: number;
}

/** The sizes of a full run, and of `--quick` (a check that every section works, in a minute or two). */
const SIZES = {
  full: { orders: 300, events: 200_000, batch: 50_000, grants: 10_000_000, users: 100_000, queries: 300, 'merge-wait': 30 },
  quick: { orders: 60, events: 10_000, batch: 5_000, grants: 100_000, users: 1_000, queries: 50, 'merge-wait': 5 },
};
type Sized = keyof typeof SIZES.full;

export const USAGE = `npm run bench:events [-- --quick --only p4,p5,p6 --orders 300 --rate 20 --poll-ms 20 --max-lookups 2 --outbox-poll-ms N
                                 --events 200000 --batch 50000 --grants 10000000 --users 100000 --tenants 4
                                 --queries 300 --merge-wait 30]
--quick: small defaults (${Object.entries(SIZES.quick).map(([k, v]) => `--${k} ${v}`).join(' ')}); flags given still win.`;

export function parseOptions(argv: string[] = process.argv.slice(2)): Options {
  const { values } = parseArgs({
    args: argv,
    options: {
      only: { type: 'string', default: SECTIONS.join(',') },
      quick: { type: 'boolean', default: false },
      orders: { type: 'string' },
      rate: { type: 'string', default: '20' },
      'poll-ms': { type: 'string', default: '20' },
      'max-lookups': { type: 'string', default: '2' },
      'visible-timeout': { type: 'string', default: '30' },
      'outbox-poll-ms': { type: 'string' },
      events: { type: 'string' },
      batch: { type: 'string' },
      grants: { type: 'string' },
      users: { type: 'string' },
      tenants: { type: 'string', default: '4' },
      queries: { type: 'string' },
      'merge-wait': { type: 'string' },
      help: { type: 'boolean', default: false },
    },
  });
  if (values.help) {
    console.log(USAGE);
    process.exit(0);
  }
  const sizes = values.quick ? SIZES.quick : SIZES.full;
  const sized = (name: Sized) => positive(name, values[name] ?? String(sizes[name]));
  const options: Options = {
    sections: sections(values.only),
    orders: sized('orders'),
    rate: positive('rate', values.rate),
    pollMs: positive('poll-ms', values['poll-ms']),
    maxLookups: positive('max-lookups', values['max-lookups']),
    visibleTimeoutMs: positive('visible-timeout', values['visible-timeout']) * 1000,
    events: sized('events'),
    batch: sized('batch'),
    grants: sized('grants'),
    users: sized('users'),
    tenants: positive('tenants', values.tenants),
    queries: sized('queries'),
    mergeWaitSeconds: sized('merge-wait'),
  };
  if (values['outbox-poll-ms'] !== undefined) options.outboxPollMs = positive('outbox-poll-ms', values['outbox-poll-ms']);
  if (options.users > options.grants) throw new Error('--users must not exceed --grants (every user needs a grant)');
  return options;
}

function sections(list: string | undefined): Set<Section> {
  const names = (list ?? '').split(',').map((s) => s.trim().toLowerCase()).filter(Boolean);
  const unknown = names.filter((name) => !(SECTIONS as readonly string[]).includes(name));
  if (unknown.length || names.length === 0) throw new Error(`--only takes a list of ${SECTIONS.join(', ')}; got ${list}`);
  return new Set(names as Section[]);
}

function positive(name: string, value: string | undefined): number {
  const number = Number(value);
  if (!Number.isInteger(number) || number <= 0) throw new Error(`--${name} must be a positive integer, got ${value}`);
  return number;
}
