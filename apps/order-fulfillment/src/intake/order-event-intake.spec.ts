import { Logger } from '@nestjs/common';
import { orderEventFixture, orderEventMessage } from '@phoenix/testing';
import type { EventBus } from '@phoenix/platform';
import type { FulfillmentConfig } from '../config';
import type { ExpirySweeper } from '../expiry/expiry-sweeper';
import { JobIntake } from '../jobs/job-intake';
import type { JobRepository, NewJob } from '../jobs/job.repository';
import type { JobWorker } from '../jobs/job-worker';
import { WebhookDispatcher } from '../webhooks/webhook-dispatcher';
import type { WebhookEvent, WebhookRepository } from '../webhooks/webhook.repository';
import type { WebhookSender } from '../webhooks/webhook-sender';
import { OrderEventIntake } from './order-event-intake';

const TOPIC = 'order-events';

function fulfillingMessage() {
  const completed = orderEventFixture({ tenantId: 't1' });
  const event = { ...completed, event_type: 'order.fulfilling', data: { ...completed.data, state: 'fulfilling', status: { state: 'fulfilling' } } };
  return orderEventMessage(TOPIC, event as typeof completed);
}

/** The intake over the real job intake and dispatcher, with their stores recorded (or failing). */
function intake(options: { webhooksFail?: boolean } = {}) {
  const jobsStored: NewJob[][] = [];
  const deliveriesStored: WebhookEvent[][] = [];
  const jobRepository = { addAll: async (jobs: NewJob[]) => (jobsStored.push(jobs), jobs.length) } as unknown as JobRepository;
  const webhookRepository = {
    enqueueAll: async (events: WebhookEvent[]) => {
      deliveriesStored.push(events);
      if (options.webhooksFail) throw new Error('connection lost');
      return events.length;
    },
  } as unknown as WebhookRepository;
  const wake = () => undefined;
  const jobs = new JobIntake(jobRepository, { wake } as unknown as JobWorker, { expiresAt: () => undefined } as unknown as ExpirySweeper);
  const webhooks = new WebhookDispatcher(webhookRepository, { wake } as unknown as WebhookSender);
  const config = { ORDER_EVENTS_TOPIC: TOPIC, FULFILLMENT_GROUP_ID: 'order-fulfillment' } as FulfillmentConfig;
  return { intake: new OrderEventIntake({} as EventBus, config, jobs, webhooks), jobsStored, deliveriesStored };
}

describe('OrderEventIntake: one read of each event for its jobs and its webhook deliveries', () => {
  beforeAll(() => Logger.overrideLogger(false));

  it('reads a job from an order entering fulfilling, a delivery from every event, nothing from a malformed one', () => {
    const { intake: subject } = intake();
    const fulfilling = fulfillingMessage();
    const completed = orderEventMessage(TOPIC, orderEventFixture({ tenantId: 't1' }));
    const read = subject.read([fulfilling, completed, { ...completed, value: '{"not":"an event"}' }]);
    expect(read.jobs).toEqual([expect.objectContaining({ tenantId: 't1', orderId: JSON.parse(fulfilling.value).data.order_id, kind: 'wallet', round: 1 })]);
    expect(read.deliveries.map((d) => d.eventType)).toEqual(['order.fulfilling', 'order.completed']);
  });

  it('stores the jobs and the deliveries of every batch held, and fails the batch when either store fails', async () => {
    const healthy = intake();
    const first = healthy.intake.read([fulfillingMessage()]);
    const second = healthy.intake.read([orderEventMessage(TOPIC, orderEventFixture({ tenantId: 't2' }))]);
    await healthy.intake.store([first, second]);
    expect(healthy.jobsStored).toEqual([first.jobs]);
    expect(healthy.deliveriesStored).toEqual([[...first.deliveries, ...second.deliveries]]);

    // Not committed: the bus hands the batch over again, and both idempotent stores see it again.
    const failing = intake({ webhooksFail: true });
    const batch = failing.intake.read([fulfillingMessage()]);
    await expect(failing.intake.store([batch])).rejects.toThrow('connection lost');
    await expect(failing.intake.store([batch])).rejects.toThrow('connection lost');
    expect(failing.jobsStored).toEqual([batch.jobs, batch.jobs]);
  });
});
