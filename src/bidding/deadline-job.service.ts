import { Injectable } from '../core/container';
import { JobQueue } from '../core/jobs/job-queue';

/** The queue whose jobs close price requests at their deadline (award or expiry). */
export const DEADLINE_QUEUE = 'price-request-deadline';

export interface DeadlineJob {
  requestId: string;
}

/**
 * Schedules the close of a price request at its deadline, again whenever the deadline moves. Jobs are
 * scheduled before the transaction that needs them commits, so none is lost to a crash in between; a job whose
 * request changed, vanished or got a later deadline finds that out when it runs (AwardService.closeAtDeadline).
 */
@Injectable()
export class DeadlineJobService {
  constructor(private readonly jobs: JobQueue) {}

  schedule(requestId: string, deadline: Date): Promise<void> {
    return this.jobs.schedule<DeadlineJob>(
      DEADLINE_QUEUE,
      { requestId },
      deadline,
      `priceRequest:${requestId}`,
    );
  }
}
