export { proposalWorkflow } from './proposal.workflow';
export { agreementWorkflow } from './agreement.workflow';
