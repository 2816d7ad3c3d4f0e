export { proposalWorkflow } from './proposal.workflow';
