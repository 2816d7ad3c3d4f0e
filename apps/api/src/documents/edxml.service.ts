import { randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { Inject, Injectable, Logger } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { AppConfig } from '@accord/config';
import { provinceAgency, provinceOfAgency } from '@accord/domain';
import {
  appendAudit,
  findAgencyCodesByName,
  findAnsweredDocument,
  findSignedCopy,
  insertIncomingDocument,
  type IncomingAttachment,
} from '@accord/persistence';
import {
  buildEdxmlPackage,
  DEMO_EDXML_ORGAN_DIRECTORY,
  EdxmlValidationError,
  findOrganById,
  isEdxmlErrors,
  parseEdxmlPackage,
  resolveEdxmlOrgan,
  sha256Hex,
  type EdxmlAttachment,
  type EdxmlDocument,
  type EdxmlOrgan,
  type EdxmlOrganDirectory,
  type EdxmlPriority,
} from '@accord/records/edxml';
import { AttachmentStorage } from '../attachments/attachment-storage';
import { hasRole, type AuthUser } from '../auth/auth-user';
import { badRequest, conflict, forbidden, unavailable } from '../common/problem-details.filter';
import { DocumentsService } from './documents.service';

type PresentedDocument = Awaited<ReturnType<DocumentsService['get']>>;

/** Decree 30 type -> `DocumentType` (docs/records.md): these are administrative documents (Type 2), not legal normative ones. */
const DOCUMENT_TYPES: Record<string, { code: string; name: string }> = {
  DECISION: { code: '2', name: 'Quyết định' },
  OFFICIAL_LETTER: { code: '2', name: 'Công văn' },
  REPORT: { code: '2', name: 'Báo cáo' },
  POST_SIGNING_REPORT: { code: '2', name: 'Báo cáo' },
};

/** Accord's urgency (độ khẩn) -> edXML's; VERY_URGENT is thượng khẩn. */
const PRIORITIES: Record<string, EdxmlPriority> = { NORMAL: 'NORMAL', URGENT: 'URGENT', VERY_URGENT: 'TOP_URGENT', FLASH: 'FLASH' };

/** Loads the organ directory: EDXML_ORGAN_DIRECTORY's file, else the DEMO one outside production, else none. */
export function loadEdxmlOrganDirectory(config: Pick<AppConfig, 'EDXML_ORGAN_DIRECTORY' | 'NODE_ENV'>): EdxmlOrganDirectory | null {
  if (config.EDXML_ORGAN_DIRECTORY) {
    const parsed = JSON.parse(readFileSync(config.EDXML_ORGAN_DIRECTORY, 'utf8')) as Partial<EdxmlOrganDirectory>;
    if (typeof parsed !== 'object' || parsed === null || typeof parsed.provinces !== 'object' || parsed.provinces === null)
      throw new Error(`EDXML_ORGAN_DIRECTORY ${config.EDXML_ORGAN_DIRECTORY}: not an organ directory {demo, provinces, external}`);
    return { demo: parsed.demo === true, provinces: parsed.provinces, external: parsed.external ?? {} };
  }
  return config.NODE_ENV === 'production' ? null : DEMO_EDXML_ORGAN_DIRECTORY;
}

/**
 * edXML exchange (issue 17, item 5; QCVN 102:2016/BTTTT, docs/records.md): an issued or signed official document as a
 * package for the national document exchange axis, and the inbox for packages other organs send (MOFA's answer, the
 * Government's decision). The live connection to the axis is not made here (docs/records.md says what it needs): the
 * packages are handed over and received by whoever holds the axis credentials.
 */
@Injectable()
export class EdxmlService {
  private readonly logger = new Logger('Edxml');
  readonly directory: EdxmlOrganDirectory | null;

  constructor(
    private readonly db: DataSource,
    private readonly documents: DocumentsService,
    private readonly storage: AttachmentStorage,
    @Inject(AppConfig) config: AppConfig,
  ) {
    this.directory = loadEdxmlOrganDirectory(config);
    if (this.directory?.demo)
      this.logger.warn('edXML uses the DEMO organ directory: its organ ids are not registered on the national axis');
  }

  requireDirectory(): EdxmlOrganDirectory {
    if (!this.directory)
      throw unavailable('No edXML organ directory is configured (EDXML_ORGAN_DIRECTORY, docs/records.md)', 'EDXML_NOT_CONFIGURED');
    return this.directory;
  }

  /** The package of an ISSUED or SIGNED document, for whoever may see it; a DRAFT has no number yet (409). */
  async exportPackage(user: AuthUser, id: string): Promise<{ xml: string; demo: boolean; filename: string }> {
    const doc = await this.documents.get(user, id);
    if (doc.status === 'DRAFT') throw conflict(`Document ${id} is a DRAFT: only an issued document is exchanged`, 'DOCUMENT_NOT_ISSUED');
    const directory = this.requireDirectory();
    const edxml = await this.toEdxml(directory, doc);
    try {
      return { xml: buildEdxmlPackage(edxml), demo: directory.demo, filename: `edxml-${doc.number}-${asciiName(doc.notation)}.xml` };
    } catch (err) {
      if (!(err instanceof EdxmlValidationError)) throw err;
      throw conflict(
        `Document ${id} cannot be exchanged yet: ${err.errors.map((e) => `${e.field} ${e.message}`).join('; ')}`,
        'DOCUMENT_NOT_EXCHANGEABLE',
      );
    }
  }

  private async toEdxml(directory: EdxmlOrganDirectory, doc: PresentedDocument): Promise<EdxmlDocument> {
    const province = provinceOfAgency(doc.issuer.code) ?? '';
    const from = resolveEdxmlOrgan(directory, province, doc.issuer.code);
    if (!from) throw conflict(`${doc.issuer.code} has no organ id in the edXML organ directory`, 'DOCUMENT_NOT_EXCHANGEABLE');
    // Recipients are printed by name (Nơi nhận); those that are agencies with an organ on the axis are its `To`.
    const to = (await findAgencyCodesByName(this.db, doc.recipients))
      .map((a) => resolveEdxmlOrgan(directory, province, a.code))
      .filter((o): o is EdxmlOrgan => o !== undefined);
    const attachments: EdxmlAttachment[] = [];
    const copy = await findSignedCopy(this.db, doc.id);
    if (copy) {
      let content: Buffer;
      try {
        content = await this.storage.get(copy.signed_storage_key);
      } catch (err) {
        this.logger.error(`Document ${doc.id}: signed copy ${copy.signed_storage_key} missing from storage (${(err as Error).message})`);
        throw unavailable(`The signed copy of document ${doc.id} is not available from storage`, 'ATTACHMENT_CONTENT_UNAVAILABLE');
      }
      attachments.push({
        name: `${doc.number}-${asciiName(doc.notation)}.pdf`,
        contentType: 'application/pdf',
        content,
        description: `Bản ký số ${doc.codeNumber}`,
      });
    }
    return {
      documentId: doc.id,
      from,
      to,
      codeNumber: String(doc.number),
      codeNotation: doc.notation,
      place: doc.place,
      promulgationDate: doc.issuedOn!,
      documentType: DOCUMENT_TYPES[doc.type] ?? { code: '2', name: doc.type },
      subject: doc.subject,
      ...(doc.body ? { content: doc.body } : {}),
      signer: {
        ...(doc.signer?.authority ? { competence: doc.signer.authority } : {}),
        position: doc.signer?.title ?? '',
        fullName: doc.signer?.name ?? '',
      },
      priority: PRIORITIES[doc.priority] ?? 'NORMAL',
      toPlaces: doc.recipients,
      attachments,
    };
  }

  /**
   * Registers an incoming package for the caller's province's foreign-affairs department (`<province>-SNGV`), linked to
   * our document its ResponseFor names when there is one. Members of that department and ADMIN only.
   */
  assertReceiver(user: AuthUser): void {
    const sngv = provinceAgency(user.province, 'SNGV');
    if (!hasRole(user, 'ADMIN') && user.agencyCode !== sngv)
      throw forbidden(`Only members of ${sngv} and administrators receive edXML packages`, 'edxml-receiver', 'NOT_EDXML_RECEIVER');
  }

  async receive(user: AuthUser, xml: string) {
    this.assertReceiver(user);
    const sngv = provinceAgency(user.province, 'SNGV');
    const directory = this.requireDirectory();
    const parsed = parseEdxmlPackage(xml);
    if (isEdxmlErrors(parsed)) throw badRequest('The edXML package is not valid', parsed.errors, 'EDXML_INVALID');
    const ours = parsed.to.some((o) => {
      const found = findOrganById(directory, o.organId);
      return found !== undefined && 'province' in found && found.province === user.province;
    });
    if (!ours)
      throw badRequest(
        'The package is addressed to no organ of this province',
        [{ field: 'to', message: `no To/OrganId is an organ of province ${user.province} in the organ directory` }],
        'EDXML_INVALID',
      );

    let linked: { id: string; proposal_id: string | null } | null = null;
    for (const rf of parsed.responseFor ?? []) {
      const slash = rf.code.indexOf('/');
      const number = slash > 0 && /^\d+$/.test(rf.code.slice(0, slash)) ? Number(rf.code.slice(0, slash)) : null;
      const issuer = findOrganById(directory, rf.organId);
      linked = await findAnsweredDocument(this.db, {
        documentId: rf.documentId,
        number,
        notation: slash > 0 ? rf.code.slice(slash + 1) : null,
        year: Number(rf.promulgationDate.slice(0, 4)),
        issuerAgencyCode: issuer && 'province' in issuer && issuer.province === user.province ? issuer.agencyCode : null,
      });
      if (linked) break;
    }

    // Attachment bytes into the attachment store by their sha256, before the row that names them.
    const attachments: IncomingAttachment[] = [];
    for (const a of parsed.attachments) {
      const sha256 = sha256Hex(a.content);
      await this.storage.put(sha256, a.content);
      attachments.push({ name: a.name, contentType: a.contentType, sha256, size: a.content.length });
    }
    const now = new Date().toISOString();
    const packageSha256 = sha256Hex(Buffer.from(xml, 'utf8'));
    const registered = await this.db.transaction(async (m) => {
      const row = await insertIncomingDocument(m, {
        id: randomUUID(),
        recipientAgencyCode: sngv,
        edxmlDocumentId: parsed.documentId,
        fromOrganId: parsed.from.organId,
        fromOrganName: parsed.from.organName,
        codeNumber: parsed.codeNumber,
        codeNotation: parsed.codeNotation,
        promulgationDate: parsed.promulgationDate,
        place: parsed.place,
        documentType: parsed.documentType.name,
        subject: parsed.subject,
        signerName: parsed.signer.fullName,
        priority: parsed.priority,
        dueDate: parsed.dueDate ?? null,
        responseFor: parsed.responseFor ?? [],
        attachments,
        packageSha256,
        linkedDocumentId: linked?.id ?? null,
        proposalId: linked?.proposal_id ?? null,
        receivedAt: now,
        receivedBy: user.id,
      });
      if (row.inserted)
        await appendAudit(m, [
          {
            at: now,
            actor: { id: user.id, name: user.fullName, type: 'USER' },
            action: 'EDXML_RECEIVED',
            proposalId: linked?.proposal_id ?? null,
            stage: null,
            payload: {
              incomingDocumentId: row.id,
              recipient: sngv,
              from: { organId: parsed.from.organId, organName: parsed.from.organName },
              code: `${parsed.codeNumber}/${parsed.codeNotation}`,
              promulgationDate: parsed.promulgationDate,
              subject: parsed.subject,
              packageSha256,
              attachments: attachments.map((a) => ({ name: a.name, sha256: a.sha256 })),
              ...(linked ? { linkedDocumentId: linked.id } : {}),
            },
          },
        ]);
      return row;
    });
    return {
      id: registered.id,
      ...(registered.linked_document_id ? { linkedDocumentId: registered.linked_document_id } : {}),
      status: 'RECEIVED' as const,
    };
  }
}

/** "QĐ-UBND" -> "QD-UBND": file names travel through systems that mangle non-ASCII. */
function asciiName(text: string): string {
  return text
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/đ/g, 'd')
    .replace(/Đ/g, 'D')
    .replace(/[^A-Za-z0-9-]+/g, '-');
}
