import type { ProposalStatus } from '../proposal/proposal.types';
import type { Stage } from './plan.types';

/** The proposal status shown while a stage is open. */
export const STATUS_OF_STAGE: Record<Stage, ProposalStatus> = {
  INTAKE: 'INTAKE',
  CONSULTATION: 'CONSULTATION',
  ABSORPTION: 'ABSORPTION',
  APPRAISAL: 'APPRAISAL',
  DECISION: 'DECISION',
  CENTRAL_DECISION: 'AWAITING_CENTRAL_DECISION',
  SIGNING: 'APPROVED',
  POST_SIGNING: 'SIGNED',
};
