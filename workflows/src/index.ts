export { proposalWorkflow } from './proposal.workflow';
export { agreementWorkflow } from './agreement.workflow';
export { reportCycleWorkflow } from './report-cycle.workflow';
export { planFollowUpWorkflow } from './plan-follow-up.workflow';
export { commitmentsSyncWorkflow } from './commitments-sync.workflow';
