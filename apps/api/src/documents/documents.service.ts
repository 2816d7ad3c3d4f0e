import { Injectable, Logger } from '@nestjs/common';
import { stringify } from 'csv-stringify/sync';
import { DataSource } from 'typeorm';
import { isoDateInVietnam } from '@accord/domain';
import {
  appendAudit,
  findAgencyName,
  findDocument,
  findProposalHeader,
  listProposalDocuments,
  listRegister,
  lockDocument,
  markDocumentIssued,
  nextRegisterNumber,
  type DocumentRow,
} from '@accord/persistence';
import { hasRole, type AuthUser } from '../auth/auth-user';
import { seesAllProposals, visibleProposalsSql } from '../common/access-policy';
import { csvCell } from '../common/csv-cell';
import { forbidden, notFound } from '../common/problem-details.filter';
import { recordUnsignedRendering } from './document-rendering';

const codeNumber = (row: { number: number | null; notation: string }): string | null =>
  row.number === null ? null : `${row.number}/${row.notation}`;

export function presentDocument(row: DocumentRow) {
  return {
    id: row.id,
    proposalId: row.proposal_id,
    reportCycleId: row.report_cycle_id,
    type: row.type,
    issuer: { code: row.issuer_agency_code, name: row.issuer_name },
    number: row.number,
    notation: row.notation,
    codeNumber: codeNumber(row),
    place: row.place,
    issuedOn: row.issued_on,
    subject: row.subject,
    body: row.body,
    signer: row.signer_name ? { name: row.signer_name, title: row.signer_title, authority: row.signer_authority } : null,
    recipients: row.recipients,
    priority: row.priority,
    status: row.status,
    // The signed copy's once there is one (docs/api.md "Official documents").
    sha256: row.signed_sha256 ?? row.sha256,
    ...(row.signature ? { signature: row.signature } : {}),
    createdAt: row.created_at.toISOString(),
    issuedAt: row.issued_at?.toISOString() ?? null,
  };
}

function presentEntry(row: DocumentRow) {
  return {
    number: row.number!,
    codeNumber: codeNumber(row)!,
    issuedOn: row.issued_on!,
    type: row.type,
    subject: row.subject,
    signerName: row.signer_name,
    recipients: row.recipients,
    documentId: row.id,
    proposalId: row.proposal_id,
    status: row.status,
  };
}

type RegisterEntry = ReturnType<typeof presentEntry>;

const REGISTER_COLUMNS: { key: string; value: (e: RegisterEntry) => string | number | null }[] = [
  { key: 'number', value: (e) => e.number },
  { key: 'codeNumber', value: (e) => e.codeNumber },
  { key: 'issuedOn', value: (e) => e.issuedOn },
  { key: 'type', value: (e) => e.type },
  { key: 'subject', value: (e) => e.subject },
  { key: 'signer', value: (e) => e.signerName },
  { key: 'recipients', value: (e) => e.recipients.join('; ') },
  { key: 'status', value: (e) => e.status },
  { key: 'documentId', value: (e) => e.documentId },
];

/**
 * Who numbers and records the signed copy for an issuing agency: its records officer (CLERK) or its leadership — the
 * People's Committee's LEADERs, a department's head (AGENCY_HEAD), e.g. Sở Ngoại vụ's director for its reports.
 */
export function actsForIssuer(user: AuthUser, issuerAgencyCode: string): boolean {
  return hasRole(user, 'LEADER', 'AGENCY_HEAD', 'CLERK') && user.agencyCode === issuerAgencyCode;
}

/**
 * Official documents of Decree 30 (issue 17) and the registers that number them. A document is seen by whoever sees
 * its proposal (GET /proposals/:id's rule) or, for a report cycle's, by any user of the province (every user reads
 * cycles: its body therefore carries no agency's own comment, see reportBody); one of neither by its issuer's members,
 * LEADER, ADMIN and AUDITOR; anyone else gets 404, as for an id that does not exist.
 */
@Injectable()
export class DocumentsService {
  private readonly logger = new Logger(DocumentsService.name);

  constructor(private readonly db: DataSource) {}

  async forProposal(user: AuthUser, proposalId: string) {
    await this.proposalVisible(user, proposalId);
    return { items: (await listProposalDocuments(this.db, proposalId)).map(presentDocument) };
  }

  async get(user: AuthUser, id: string) {
    return presentDocument(await this.visible(user, id));
  }

  /**
   * Gives a DRAFT the next number of its issuer's register for the current year (Asia/Ho_Chi_Minh) and today's date.
   * Issuing an issued document again answers it as it is: the same number, no second audit event.
   */
  async issue(user: AuthUser, id: string) {
    const seen = await this.visible(user, id);
    if (!actsForIssuer(user, seen.issuer_agency_code))
      throw forbidden(
        `Only a LEADER, AGENCY_HEAD or CLERK of ${seen.issuer_agency_code} may issue this document`,
        'document-issuer',
        'NOT_DOCUMENT_ISSUER',
      );
    await this.db.transaction(async (m) => {
      // The document's lock first, then the register's: every issue takes them in this order.
      const row = await lockDocument(m, id);
      if (!row || row.status !== 'DRAFT') return;
      const now = new Date();
      const issuedOn = isoDateInVietnam(now);
      const year = Number(issuedOn.slice(0, 4));
      const number = await nextRegisterNumber(m, row.issuer_agency_code, year);
      await markDocumentIssued(m, id, { number, year, issuedOn, issuedAt: now.toISOString(), issuedBy: user.id });
      await appendAudit(m, [
        {
          at: now.toISOString(),
          actor: { id: user.id, name: user.fullName, type: 'USER' },
          action: 'DOCUMENT_ISSUED',
          proposalId: row.proposal_id,
          stage: null,
          payload: {
            documentId: row.id,
            type: row.type,
            issuer: row.issuer_agency_code,
            year,
            number,
            codeNumber: `${number}/${row.notation}`,
            issuedOn,
            ...(row.report_cycle_id ? { reportCycleId: row.report_cycle_id } : {}),
          },
        },
      ]);
    });
    const issued = (await findDocument(this.db, id))!;
    if (issued.status === 'DRAFT' || issued.sha256 !== null) return presentDocument(issued);
    // The sha256 of the unsigned rendering, recorded once the number and date are set: the file a signer appends to
    // (POST /documents/:id/signed-copy). After the commit, so a rendering never holds the register's lock; should it
    // fail, the document stays issued and GET /documents/:id/content records the hash when it first serves the PDF.
    try {
      await recordUnsignedRendering(this.db, issued);
    } catch (err) {
      this.logger.error(`Document ${id}: the unsigned rendering's sha256 was not recorded (${(err as Error).message})`);
    }
    return presentDocument((await findDocument(this.db, id))!);
  }

  /** The outgoing-document register of `agency` for `year`: its members' and the auditors' to read. */
  async register(user: AuthUser, agency: string, year: number) {
    if (!hasRole(user, 'AUDITOR') && user.agencyCode !== agency)
      throw forbidden(`Only members of ${agency} and auditors read its register`, 'register-reader', 'NOT_REGISTER_READER');
    const name = await findAgencyName(this.db, agency);
    if (name === null) throw notFound(`No agency ${agency}`, 'AGENCY_NOT_FOUND');
    const items = (await listRegister(this.db, agency, year)).map(presentEntry);
    return { agency: { code: agency, name }, year, items };
  }

  registerCsv(items: RegisterEntry[]): Buffer {
    const records = [REGISTER_COLUMNS.map((c) => c.key), ...items.map((e) => REGISTER_COLUMNS.map((c) => csvCell(c.value(e))))];
    return Buffer.from(`\uFEFF${stringify(records, { record_delimiter: 'windows' })}`, 'utf8');
  }

  private async proposalVisible(user: AuthUser, proposalId: string): Promise<void> {
    const header = await findProposalHeader(this.db, proposalId, (from) => visibleProposalsSql(user, from));
    if (!header) throw notFound(`No proposal ${proposalId} that you may see`, 'PROPOSAL_NOT_FOUND');
  }

  /** The document's row when `user` may see it, else 404 (the rule above); for the services that serve its content. */
  async visible(user: AuthUser, id: string): Promise<DocumentRow> {
    const row = await findDocument(this.db, id);
    const missing = () => notFound(`No document ${id} that you may see`, 'DOCUMENT_NOT_FOUND');
    if (!row) throw missing();
    if (row.proposal_id) {
      const header = await findProposalHeader(this.db, row.proposal_id, (from) => visibleProposalsSql(user, from));
      if (!header) throw missing();
    } else if (!row.report_cycle_id && !seesAllProposals(user) && user.agencyCode !== row.issuer_agency_code) {
      // Neither a proposal's nor a cycle's (a letter of its own): its issuer's, and those who see every proposal.
      throw missing();
    }
    return row;
  }
}
