import { Column, Entity, PrimaryColumn, PrimaryGeneratedColumn } from 'typeorm';

// Entities mirror the migrations (the schema's source of truth); `synchronize` is never on.

@Entity('agency')
export class AgencyEntity {
  @PrimaryColumn({ type: 'varchar' }) code: string;
  @Column({ type: 'text' }) name: string;
  @Column({ name: 'name_en', type: 'text' }) nameEn: string;
  @Column({ type: 'varchar' }) level: string;
}

@Entity('app_user')
export class UserEntity {
  @PrimaryColumn('uuid') id: string;
  @Column({ type: 'varchar' }) email: string;
  @Column({ name: 'full_name', type: 'text' }) fullName: string;
  @Column({ name: 'password_hash', type: 'text' }) passwordHash: string;
  @Column({ name: 'agency_code', type: 'varchar', nullable: true }) agencyCode: string | null;
  @Column({ type: 'text', array: true }) roles: string[];
  @Column({ name: 'created_at', type: 'timestamptz' }) createdAt: Date;
}

@Entity('proposal')
export class ProposalEntity {
  @PrimaryColumn('uuid') id: string;
  @Column({ type: 'varchar' }) reference: string;
  @Column({ type: 'varchar' }) kind: string;
  @Column({ type: 'text' }) title: string;
  @Column({ type: 'text' }) summary: string;
  @Column({ type: 'jsonb' }) details: Record<string, unknown>;
  @Column({ type: 'varchar' }) procedure: string;
  @Column({ type: 'varchar' }) urgency: string;
  @Column({ type: 'varchar' }) status: string;
  @Column({ type: 'varchar', nullable: true }) stage: string | null;
  @Column({ name: 'submitting_agency_code', type: 'varchar' }) submittingAgencyCode: string;
  @Column({ name: 'submitted_by', type: 'uuid' }) submittedBy: string;
  @Column({ type: 'jsonb' }) plan: Record<string, unknown>;
  @Column({ name: 'policy_version', type: 'varchar' }) policyVersion: string;
  @Column({ name: 'workflow_id', type: 'varchar' }) workflowId: string;
  @Column({ name: 'projection_seq', type: 'integer' }) projectionSeq: number;
  @Column({ name: 'created_at', type: 'timestamptz' }) createdAt: Date;
  @Column({ name: 'updated_at', type: 'timestamptz' }) updatedAt: Date;
}

@Entity('dossier_version')
export class DossierVersionEntity {
  @PrimaryColumn('uuid') id: string;
  @Column({ name: 'proposal_id', type: 'uuid' }) proposalId: string;
  @Column({ type: 'integer' }) version: number;
  @Column({ type: 'jsonb' }) content: Record<string, unknown>;
  @Column({ type: 'jsonb' }) attachments: { id: string; sha256: string; filename: string }[];
  @Column({ type: 'char' }) hash: string;
  @Column({ name: 'created_by', type: 'uuid' }) createdBy: string;
  @Column({ name: 'created_at', type: 'timestamptz' }) createdAt: Date;
}

@Entity('task')
export class TaskEntity {
  @PrimaryColumn('uuid') id: string;
  /** Null for a PERIODIC_REPORT task, which belongs to a reporting cycle instead. */
  @Column({ name: 'proposal_id', type: 'uuid', nullable: true }) proposalId: string | null;
  @Column({ name: 'report_cycle_id', type: 'uuid', nullable: true }) reportCycleId: string | null;
  @Column({ type: 'jsonb', nullable: true }) prefill: Record<string, unknown> | null;
  @Column({ type: 'varchar' }) kind: string;
  @Column({ type: 'varchar' }) stage: string;
  @Column({ name: 'candidate_agency_code', type: 'varchar' }) candidateAgencyCode: string;
  @Column({ name: 'external_body', type: 'varchar', nullable: true }) externalBody: string | null;
  @Column({ name: 'assignee_id', type: 'uuid', nullable: true }) assigneeId: string | null;
  @Column({ type: 'varchar' }) status: string;
  @Column({ type: 'integer' }) round: number;
  @Column({ name: 'created_at', type: 'timestamptz' }) createdAt: Date;
  @Column({ name: 'due_at', type: 'timestamptz' }) dueAt: Date;
  @Column({ name: 'clock_type', type: 'varchar' }) clockType: string;
  @Column({ name: 'clock_length', type: 'integer' }) clockLength: number;
  @Column({ type: 'boolean' }) paused: boolean;
  @Column({ name: 'paused_reason', type: 'text', nullable: true }) pausedReason: string | null;
  @Column({ name: 'allowed_decisions', type: 'text', array: true }) allowedDecisions: string[];
  @Column({ type: 'varchar', nullable: true }) decision: string | null;
  @Column({ type: 'text', nullable: true }) comment: string | null;
  @Column({ name: 'attachment_ids', type: 'uuid', array: true }) attachmentIds: string[];
  @Column({ name: 'completed_at', type: 'timestamptz', nullable: true }) completedAt: Date | null;
  @Column({ name: 'completed_by', type: 'uuid', nullable: true }) completedBy: string | null;
}

@Entity('attachment')
export class AttachmentEntity {
  @PrimaryColumn('uuid') id: string;
  @Column({ type: 'text' }) filename: string;
  @Column({ type: 'bigint' }) size: string;
  @Column({ type: 'char' }) sha256: string;
  @Column({ name: 'media_type', type: 'varchar' }) mediaType: string;
  @Column({ name: 'storage_key', type: 'text' }) storageKey: string;
  @Column({ name: 'uploaded_by', type: 'uuid' }) uploadedBy: string;
  @Column({ name: 'created_at', type: 'timestamptz' }) createdAt: Date;
}

@Entity('agreement')
export class AgreementEntity {
  @PrimaryColumn('uuid') id: string;
  @Column({ name: 'proposal_id', type: 'uuid' }) proposalId: string;
  @Column({ type: 'varchar', nullable: true }) number: string | null;
  @Column({ type: 'text' }) title: string;
  @Column({ type: 'jsonb' }) counterpart: Record<string, unknown>;
  @Column({ type: 'char' }) country: string;
  @Column({ type: 'text', array: true }) fields: string[];
  @Column({ name: 'signed_at', type: 'timestamptz' }) signedAt: Date;
  @Column({ type: 'text' }) place: string;
  @Column({ type: 'jsonb' }) signatories: { name: string; title: string; party: string }[];
  @Column({ name: 'term_months', type: 'integer', nullable: true }) termMonths: number | null;
  @Column({ name: 'expires_on', type: 'date', nullable: true }) expiresOn: string | null;
  @Column({ type: 'varchar' }) status: string;
  @Column({ name: 'lead_agency_code', type: 'varchar' }) leadAgencyCode: string;
  @Column({ name: 'created_at', type: 'timestamptz' }) createdAt: Date;
}

@Entity('holiday')
export class HolidayEntity {
  @PrimaryColumn({ type: 'date' }) date: string;
  @Column({ type: 'text' }) name: string;
  @Column({ name: 'name_en', type: 'text' }) nameEn: string;
  @Column({ type: 'varchar' }) kind: 'HOLIDAY' | 'MAKEUP_WORKDAY';
}

@Entity('audit_event')
export class AuditEventEntity {
  @PrimaryGeneratedColumn({ type: 'bigint' }) seq: string;
  @Column('uuid') id: string;
  @Column({ type: 'timestamptz' }) at: Date;
  @Column({ name: 'actor_id', type: 'varchar' }) actorId: string;
  @Column({ name: 'actor_name', type: 'text' }) actorName: string;
  @Column({ name: 'actor_type', type: 'varchar' }) actorType: 'USER' | 'SYSTEM';
  @Column({ type: 'varchar' }) action: string;
  @Column({ name: 'proposal_id', type: 'uuid', nullable: true }) proposalId: string | null;
  @Column({ type: 'varchar', nullable: true }) stage: string | null;
  @Column({ name: 'workflow_id', type: 'varchar', nullable: true }) workflowId: string | null;
  @Column({ name: 'run_id', type: 'varchar', nullable: true }) runId: string | null;
  @Column({ type: 'jsonb' }) payload: Record<string, unknown>;
  @Column({ name: 'prev_hash', type: 'char' }) prevHash: string;
  @Column({ type: 'char' }) hash: string;
}

export const ENTITIES = [
  AgencyEntity, UserEntity, ProposalEntity, DossierVersionEntity, TaskEntity, AttachmentEntity, AgreementEntity, HolidayEntity, AuditEventEntity,
];
