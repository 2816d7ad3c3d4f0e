import { ApplicationFailure } from '@temporalio/common';
import type { DataSource } from 'typeorm';
import {
  applyReportCycleTransition,
  collectCommitmentVersions,
  deliverCommitmentVersion,
  ensureCycleReportDocument,
  followUpPlan,
  loadConsolidatedReportData,
  openReportCycle,
  storeReportDocuments,
} from '@accord/persistence';
import {
  buildReportDocx,
  buildReportXlsx,
  REPORT_SIGNER,
  reportBody,
  reportNotation,
  reportRecipients,
  reportSubject,
} from '@accord/reporting';
import type { CommitmentsSyncActivities, PlanActivities, ReportCycleActivities } from '@accord/temporal';

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
      // The consolidated cycle's official report (DRAFT, to be numbered and signed through /documents), once per cycle:
      // the DOCX carries its id as its marker and, once it is issued, its number and date.
      const official =
        data.cycle.status === 'CONSOLIDATED'
          ? await ensureCycleReportDocument(deps.dataSource, {
              reportCycleId: cycleId,
              type: 'REPORT',
              issuerAgencyCode: data.cycle.consolidator.code,
              notation: reportNotation(data.cycle.consolidator.code),
              subject: reportSubject(data),
              body: reportBody(data),
              signerTitle: REPORT_SIGNER.title,
              signerAuthority: REPORT_SIGNER.authority,
              recipients: reportRecipients(data),
              at,
            })
          : null;
      const document = official
        ? { id: official.id, number: official.number, notation: official.notation, issuedOn: official.issued_on }
        : null;
      const documents = [
        { format: 'docx' as const, content: await buildReportDocx(data, document) },
        { format: 'xlsx' as const, content: await buildReportXlsx(data) },
      ];
      return storeReportDocuments(deps.dataSource, cycleId, documents, at, official?.id);
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
