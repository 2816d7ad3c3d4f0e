/**
 * Pushes new and changed agreements to the national database of international commitments (Res. 250/2025/QH15
 * Art 6). A Schedule runs it (overlap SKIP) and an administrator can trigger it; every run is idempotent: it
 * records a new version for each agreement whose record changed and delivers every undelivered version in order,
 * each at most once successfully (the delivery activity checks and marks it under a row lock), retried with
 * exponential backoff while the endpoint fails.
 */
import { proxyActivities } from '@temporalio/workflow';
import type { CommitmentsSyncActivities } from '@accord/temporal/contracts';

const { collectCommitmentVersions } = proxyActivities<CommitmentsSyncActivities>({
  startToCloseTimeout: '1 minute',
  retry: { initialInterval: '1 second', backoffCoefficient: 2, maximumInterval: '1 minute' },
});
const { deliverCommitmentVersion } = proxyActivities<CommitmentsSyncActivities>({
  startToCloseTimeout: '30 seconds',
  // No attempt limit: an unreachable endpoint is waited out, 1 s, 2 s, 4 s ... at most 30 s apart.
  retry: { initialInterval: '1 second', backoffCoefficient: 2, maximumInterval: '30 seconds' },
});

export async function commitmentsSyncWorkflow(): Promise<{ delivered: number; alreadyDelivered: number; rejected: number }> {
  const versions = await collectCommitmentVersions();
  const summary = { delivered: 0, alreadyDelivered: 0, rejected: 0 };
  for (const version of versions) {
    const { outcome } = await deliverCommitmentVersion(version);
    if (outcome === 'DELIVERED') summary.delivered += 1;
    else if (outcome === 'ALREADY_DELIVERED') summary.alreadyDelivered += 1;
    else summary.rejected += 1;
  }
  return summary;
}
