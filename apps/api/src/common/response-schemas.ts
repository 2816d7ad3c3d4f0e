/**
 * JSON Schemas (OpenAPI 3.0 dialect) of answers the api documents exactly, so a client, and the fuzz suite's
 * oracle, can check a 2xx body against the document instead of against the api's own code. Each sits next to
 * the shape it describes: the task as presentTask writes it, the proposal as the create call returns it.
 */
import type { SchemaObject } from '@nestjs/swagger/dist/interfaces/open-api-spec.interface';
import { DECISIONS, PROPOSAL_KINDS, PROPOSAL_STATUSES, STAGES, TASK_KINDS } from '@accord/domain';

const uuid: SchemaObject = { type: 'string', format: 'uuid' };
const dateTime: SchemaObject = { type: 'string', format: 'date-time' };
const named = (id: SchemaObject): SchemaObject => ({
  type: 'object',
  required: ['id', 'fullName'],
  properties: { id, fullName: { type: 'string', nullable: true } },
});
const clock: SchemaObject = {
  type: 'object',
  required: ['type', 'length'],
  properties: { type: { type: 'string', enum: ['WORKING_DAYS', 'CALENDAR_DAYS'] }, length: { type: 'integer', minimum: 1 } },
};
/** A gate's clock with the reason it exists. */
const basedClock: SchemaObject = { ...clock, properties: { ...clock.properties, basis: { type: 'string' } } };
const plannedTask: SchemaObject = {
  type: 'object',
  required: ['kind', 'candidateAgency', 'clock'],
  properties: {
    kind: { type: 'string', enum: [...TASK_KINDS] },
    candidateAgency: { type: 'string' },
    externalBody: { type: 'string' },
    clock,
  },
};

/** The plan a proposal got at submission (libs/domain Plan). */
export const PLAN_SCHEMA: SchemaObject = {
  type: 'object',
  required: ['policyVersion', 'stages', 'gates'],
  properties: {
    policyVersion: { type: 'string' },
    stages: {
      type: 'array',
      minItems: 1,
      items: {
        type: 'object',
        required: ['stage', 'tasks'],
        properties: { stage: { type: 'string', enum: [...STAGES] }, tasks: { type: 'array', minItems: 1, items: plannedTask } },
      },
    },
    // pmConsent is absent where the law gives no Prime Minister's consent gate (libs/domain PlannedGates).
    gates: {
      type: 'object',
      required: ['supplement', 'revision', 'postSigningReport'],
      properties: {
        supplement: basedClock,
        revision: basedClock,
        pmConsent: plannedTask,
        postSigningReport: basedClock,
        expiryReminderDays: { type: 'array', items: { type: 'integer' } },
        addedConsultee: basedClock,
      },
    },
  },
};

/** 201 of POST /proposals: the proposal accepted (status SUBMITTED until its workflow's first step is seen). */
export const PROPOSAL_ACCEPTED_SCHEMA: SchemaObject = {
  type: 'object',
  required: ['id', 'reference', 'kind', 'status', 'plan'],
  properties: {
    id: uuid,
    reference: { type: 'string', pattern: '^[A-Z]+-\\d{4}-\\d{5,}$', example: 'TTQT-2026-00001' },
    kind: { type: 'string', enum: [...PROPOSAL_KINDS] },
    status: { type: 'string', enum: [...PROPOSAL_STATUSES] },
    plan: PLAN_SCHEMA,
  },
};

/** The Task of docs/api.md, as presentTask writes it. */
export const TASK_SCHEMA: SchemaObject = {
  type: 'object',
  required: [
    'id',
    'proposalId',
    'proposalReference',
    'proposalTitle',
    'kind',
    'stage',
    'candidateAgency',
    'assignee',
    'status',
    'createdAt',
    'dueAt',
    'clock',
    'sla',
    'allowedDecisions',
  ],
  properties: {
    id: uuid,
    proposalId: { ...uuid, nullable: true },
    proposalReference: { type: 'string', nullable: true },
    proposalTitle: { type: 'string', nullable: true },
    reportCycle: { type: 'object', required: ['id', 'title'], properties: { id: uuid, title: { type: 'string', nullable: true } } },
    prefill: { type: 'object', nullable: true },
    kind: { type: 'string', enum: [...TASK_KINDS] },
    stage: { type: 'string' },
    candidateAgency: { type: 'object', required: ['code', 'name'], properties: { code: { type: 'string' }, name: { type: 'string' } } },
    externalBody: { type: 'string' },
    assignee: { ...named(uuid), nullable: true },
    status: { type: 'string', enum: ['OPEN', 'COMPLETED', 'CANCELLED'] },
    createdAt: dateTime,
    dueAt: dateTime,
    clock: {
      type: 'object',
      required: ['type', 'length', 'paused'],
      properties: { ...clock.properties, paused: { type: 'boolean' }, reason: { type: 'string' } },
    },
    sla: { type: 'string', enum: ['ON_TRACK', 'DUE_SOON', 'OVERDUE'] },
    allowedDecisions: { type: 'array', items: { type: 'string', enum: [...DECISIONS] } },
    decision: { type: 'string', enum: [...DECISIONS] },
    comment: { type: 'string' },
    attachmentIds: { type: 'array', items: uuid },
    completedAt: dateTime,
    completedBy: named(uuid),
  },
};

/** 200 of POST /tasks/{id}/complete. */
export const TASK_COMPLETED_SCHEMA: SchemaObject = {
  type: 'object',
  required: ['task', 'proposal'],
  properties: {
    task: TASK_SCHEMA,
    proposal: {
      type: 'object',
      required: ['id', 'status'],
      properties: { id: uuid, status: { type: 'string', enum: [...PROPOSAL_STATUSES] } },
    },
  },
};
