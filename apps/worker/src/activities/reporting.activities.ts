import { ApplicationFailure } from '@temporalio/common';
import type { DataSource } from 'typeorm';
import {
  applyReportCycleTransition,
  collectCommitmentVersions,
  deliverCommitmentVersion,
  followUpPlan,
  loadConsolidatedReportData,
  openReportCycle,
  storeReportDocuments,
} from '../../../../libs/persistence/src';
import { buildReportDocx, buildReportXlsx } from '../../../../libs/reporting/src';
import type { CommitmentsSyncActivities, PlanActivities, ReportCycleActivities } from '../../../../libs/temporal/src';

export function createPlanActivities(deps: { dataSource: DataSource }): PlanActivities {
  return { followUpPlan: (request) => followUpPlan(deps.dataSource, request) };
}

export function createReportCycleActivities(deps: { dataSource: DataSource }): ReportCycleActivities {
  return {
    openReportCycle: (request) => openReportCycle(deps.dataSource, request),
    applyReportCycleTransition: (transition) => applyReportCycleTransition(deps.dataSource, transition),
    async generateReportDocuments({ cycleId, at }) {
      const data = await loadConsolidatedReportData(deps.dataSource.manager, cycleId, new Date(at));
      if (!data) throw ApplicationFailure.nonRetryable(`No reporting cycle ${cycleId}`);
      const documents = [
        { format: 'docx' as const, content: await buildReportDocx(data) },
        { format: 'xlsx' as const, content: await buildReportXlsx(data) },
      ];
      return storeReportDocuments(deps.dataSource, cycleId, documents, at);
    },
  };
}

export function createCommitmentsSyncActivities(deps: { dataSource: DataSource; url: string | undefined }): CommitmentsSyncActivities {
  return {
    collectCommitmentVersions: () => collectCommitmentVersions(deps.dataSource),
    deliverCommitmentVersion(version) {
      if (!deps.url) throw ApplicationFailure.nonRetryable('The commitments sync is off: COMMITMENTS_SYNC_URL is not set on the worker');
      return deliverCommitmentVersion(deps.dataSource, deps.url, version);
    },
  };
}
