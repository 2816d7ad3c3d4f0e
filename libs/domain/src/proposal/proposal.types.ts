/** Proposal vocabulary (docs/domain.md "Proposal kinds", docs/api.md "Proposal body"). */

export const PROPOSAL_KINDS = ['INTERNATIONAL_AGREEMENT', 'MECHANISM_PARTICIPATION', 'OVERSEAS_OFFICE'] as const;
export type ProposalKind = (typeof PROPOSAL_KINDS)[number];

export const AGREEMENT_ACTIONS = ['SIGN', 'AMEND', 'EXTEND', 'TERMINATE'] as const;
export type AgreementAction = (typeof AGREEMENT_ACTIONS)[number];

export const SIGNING_LEVELS = ['PROVINCIAL_COMMITTEE', 'DEPARTMENT', 'BORDER_COMMUNE'] as const;
export type SigningLevel = (typeof SIGNING_LEVELS)[number];

export const PROCEDURES = ['STANDARD', 'SHORTENED'] as const;
export type Procedure = (typeof PROCEDURES)[number];

export const URGENCIES = ['NORMAL', 'URGENT'] as const;
export type Urgency = (typeof URGENCIES)[number];

export const COUNTERPART_TYPES = ['FOREIGN_LOCAL_GOVERNMENT', 'FOREIGN_AGENCY', 'INTERNATIONAL_ORGANIZATION', 'OTHER'] as const;
export type CounterpartType = (typeof COUNTERPART_TYPES)[number];

export const COOPERATION_FIELDS = [
  'TRADE',
  'INVESTMENT',
  'EDUCATION',
  'CULTURE',
  'TOURISM',
  'HEALTH',
  'SCIENCE_TECHNOLOGY',
  'AGRICULTURE',
  'ENVIRONMENT',
  'LABOUR',
  'DEFENCE',
  'SECURITY',
  'OTHER',
] as const;
export type CooperationField = (typeof COOPERATION_FIELDS)[number];

export const MECHANISM_TYPES = ['FORUM', 'NETWORK', 'COOPERATION_MECHANISM', 'ORGANIZATION'] as const;
export const PARTICIPATION_LEVELS = ['PROVINCIAL_COMMITTEE', 'COMMUNE_COMMITTEE', 'DEPARTMENT', 'MINISTRY'] as const;
export const OFFICE_FUNCTIONS = [
  'TRADE_PROMOTION',
  'INVESTMENT_PROMOTION',
  'TOURISM_PROMOTION',
  'CULTURAL_EXCHANGE',
  'CITIZEN_SUPPORT',
  'OTHER',
] as const;

export interface Counterpart {
  name: string;
  country: string;
  type: CounterpartType;
}

export interface AgreementDetails {
  action: AgreementAction;
  level: SigningLevel;
  counterpart: Counterpart;
  fields: CooperationField[];
  proposedSigningDate: string;
  proposedSigningPlace?: string;
  termMonths: number;
  languages: string[];
  touchesDefence: boolean;
  touchesSecurity: boolean;
  touchesInvestment: boolean;
  borderArea: boolean;
  purpose: string;
  mainContent: string;
  legalConformity: string;
  impactAssessment: string;
  feasibility: string;
  principles?: string;
  relatedAgreementId?: string;
}

export interface MechanismDetails {
  mechanismName: string;
  mechanismType: (typeof MECHANISM_TYPES)[number];
  host: string;
  participationLevel: (typeof PARTICIPATION_LEVELS)[number];
  annualFeeVnd: number;
  obligations: string;
  termMonths: number;
  justification: string;
}

export interface OverseasOfficeDetails {
  hostCountry: string;
  city: string;
  functions: (typeof OFFICE_FUNCTIONS)[number][];
  staffing: number;
  annualBudgetVnd: number;
  pilotTermMonths: number;
  hostArrangement: string;
  justification: string;
}

export type ProposalDetails = AgreementDetails | MechanismDetails | OverseasOfficeDetails;

/** The part of a proposal the routing policy reads. */
export interface RoutableProposal {
  kind: ProposalKind;
  procedure: Procedure;
  details: Record<string, unknown>;
}

/** docs/domain.md "Proposal status". */
export const PROPOSAL_STATUSES = [
  'SUBMITTED',
  'INTAKE',
  'CONSULTATION',
  'ABSORPTION',
  'APPRAISAL',
  'DECISION',
  'AWAITING_PM_CONSENT',
  'AWAITING_CENTRAL_DECISION',
  'APPROVED',
  'SIGNED',
  'IN_FORCE',
  'EXPIRED',
  'TERMINATED',
  'SUPPLEMENT_REQUESTED',
  'REVISION_REQUESTED',
  'REJECTED',
  'WITHDRAWN',
  'CANCELLED',
] as const;
export type ProposalStatus = (typeof PROPOSAL_STATUSES)[number];

/** Statuses after which WITHDRAW is no longer possible (a decision has been taken). */
export const DECIDED_STATUSES: readonly ProposalStatus[] = [
  'APPROVED',
  'SIGNED',
  'IN_FORCE',
  'EXPIRED',
  'TERMINATED',
  'REJECTED',
  'WITHDRAWN',
  'CANCELLED',
];

export const REFERENCE_PREFIX: Record<ProposalKind, string> = {
  INTERNATIONAL_AGREEMENT: 'TTQT',
  MECHANISM_PARTICIPATION: 'CCHT',
  OVERSEAS_OFFICE: 'VPDD',
};
