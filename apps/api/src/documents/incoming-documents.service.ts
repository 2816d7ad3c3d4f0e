import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import {
  answerIncomingDocument,
  appendAudit,
  findIncomingDocument,
  listIncomingDocuments,
  type IncomingDocumentRow,
} from '@accord/persistence';
import { buildEdxmlStatus, resolveEdxmlOrgan, type EdxmlStatusName } from '@accord/records/edxml';
import { hasRole, type AuthUser } from '../auth/auth-user';
import { decodeCursor, toPage } from '../common/pagination';
import { conflict, notFound } from '../common/problem-details.filter';
import type { IncomingDocumentListQuery } from './incoming-documents.dto';
import { EdxmlService } from './edxml.service';

function present(row: IncomingDocumentRow) {
  return {
    id: row.id,
    recipient: { code: row.recipient_agency_code, name: row.recipient_agency_name },
    from: { organId: row.from_organ_id, organName: row.from_organ_name },
    edxmlDocumentId: row.edxml_document_id,
    codeNumber: `${row.code_number}/${row.code_notation}`,
    promulgationDate: row.promulgation_date,
    place: row.place,
    documentType: row.document_type,
    subject: row.subject,
    signerName: row.signer_name,
    priority: row.priority,
    dueDate: row.due_date,
    attachments: row.attachments.map((a) => ({ name: a.name, contentType: a.contentType, sha256: a.sha256, size: a.size })),
    packageSha256: row.package_sha256,
    linkedDocumentId: row.linked_document_id,
    proposalId: row.proposal_id,
    status: row.status,
    statusReason: row.status_reason,
    statusAt: row.status_at ? new Date(row.status_at).toISOString() : null,
    statusBy: row.status_by ? { id: row.status_by, name: row.status_by_name } : null,
    receivedAt: new Date(row.received_at).toISOString(),
  };
}

export type PresentedIncomingDocument = ReturnType<typeof present>;

/**
 * The incoming documents edXML brought in (POST /edxml/inbox) and their answers to the sender (issue 17, item 5):
 * the province's foreign-affairs department accepts or rejects each one, once, and gets the QCVN 102 status message
 * (RECEIVED 01, REJECTED 02 with the reason, ACCEPTED 03) to send back through the exchange axis — Accord does not
 * hold the axis connection (docs/records.md). Readers: the department, ADMIN, AUDITOR; answering: the department, ADMIN.
 */
@Injectable()
export class IncomingDocumentsService {
  constructor(
    private readonly db: DataSource,
    private readonly edxml: EdxmlService,
  ) {}

  private assertReader(user: AuthUser): void {
    if (!hasRole(user, 'AUDITOR')) this.edxml.assertReceiver(user);
  }

  async list(user: AuthUser, q: IncomingDocumentListQuery) {
    this.assertReader(user);
    const limit = q.limit ?? 50;
    const key = decodeCursor(q.cursor, ['timestamptz', 'uuid']);
    const rows = await listIncomingDocuments(this.db, { status: q.status, after: key ? [key[0]!, key[1]!] : null, limit: limit + 1 });
    return toPage(rows, limit, present, (r) => [new Date(r.received_at).toISOString(), r.id]);
  }

  async get(user: AuthUser, id: string): Promise<PresentedIncomingDocument> {
    this.assertReader(user);
    return present(await this.row(id));
  }

  /** Accepts a RECEIVED document; accepting it again answers the same, a rejected one is 409. */
  accept(user: AuthUser, id: string): Promise<PresentedIncomingDocument> {
    return this.answer(user, id, 'ACCEPTED', null);
  }

  /** Rejects a RECEIVED document with the reason the sender gets; the same rejection again answers the same. */
  reject(user: AuthUser, id: string, reason: string): Promise<PresentedIncomingDocument> {
    return this.answer(user, id, 'REJECTED', reason);
  }

  private async answer(user: AuthUser, id: string, status: 'ACCEPTED' | 'REJECTED', reason: string | null) {
    this.edxml.assertReceiver(user);
    return this.db.transaction(async (m) => {
      const row = await this.row(id, m);
      if (row.status === status && row.status_reason === reason) return present(row);
      if (row.status !== 'RECEIVED')
        throw conflict(
          `Incoming document ${id} was already ${row.status === 'ACCEPTED' ? 'accepted' : 'rejected'}`,
          'INCOMING_DOCUMENT_ANSWERED',
        );
      const at = new Date().toISOString();
      await answerIncomingDocument(m, { id, status, reason, at, by: user.id });
      await appendAudit(m, [
        {
          at,
          actor: { id: user.id, name: user.fullName, type: 'USER' },
          action: status === 'ACCEPTED' ? 'EDXML_ACCEPTED' : 'EDXML_REJECTED',
          proposalId: row.proposal_id,
          stage: null,
          payload: {
            incomingDocumentId: id,
            from: { organId: row.from_organ_id, organName: row.from_organ_name },
            code: `${row.code_number}/${row.code_notation}`,
            ...(reason ? { reason } : {}),
          },
        },
      ]);
      return present((await findIncomingDocument(m, id))!);
    });
  }

  /**
   * The status message for the sender about where its document stands here: RECEIVED until it is answered, then
   * ACCEPTED or REJECTED (with the reason), from the receiving department's organ. 409 DOCUMENT_NOT_EXCHANGEABLE when
   * that department has no organ id in the directory.
   */
  async statusMessage(user: AuthUser, id: string): Promise<{ xml: string; demo: boolean; filename: string }> {
    this.assertReader(user);
    const row = await this.row(id);
    const directory = this.edxml.requireDirectory();
    const from = resolveEdxmlOrgan(directory, user.province, row.recipient_agency_code);
    if (!from) throw conflict(`${row.recipient_agency_code} has no organ id in the edXML organ directory`, 'DOCUMENT_NOT_EXCHANGEABLE');
    const status: EdxmlStatusName = row.status;
    const xml = buildEdxmlStatus({
      responseFor: {
        organId: row.from_organ_id,
        code: `${row.code_number}/${row.code_notation}`,
        promulgationDate: row.promulgation_date,
        documentId: row.edxml_document_id,
      },
      from,
      status,
      ...(row.status_reason ? { description: row.status_reason } : {}),
      timestamp: new Date(row.status_at ?? row.received_at).toISOString(),
      staffInfo: { department: row.recipient_agency_name, ...(row.status_by_name ? { staff: row.status_by_name } : {}) },
    });
    return { xml, demo: directory.demo, filename: `edxml-status-${row.id}.xml` };
  }

  /** The row under row-level security (another province's id is not there: 404), locked when `m` is a transaction. */
  private async row(id: string, m?: Parameters<typeof findIncomingDocument>[0]): Promise<IncomingDocumentRow> {
    const row = await findIncomingDocument(m ?? this.db, id, { lock: m !== undefined });
    if (!row) throw notFound(`No incoming document ${id}`);
    return row;
  }
}
