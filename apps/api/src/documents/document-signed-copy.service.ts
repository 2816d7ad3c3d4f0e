import { readFile, unlink } from 'node:fs/promises';
import { Inject, Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { AppConfig, signingTrustAnchorsPem } from '@accord/config';
import type { ErrorCodeFor } from '@accord/domain';
import { appendAudit, findDocument, lockDocument, markDocumentSigned, type DocumentSignature } from '@accord/persistence';
import { verifySignedPdf, type SignedPdfFailureReason } from '@accord/records/signature';
import { AttachmentStorage } from '../attachments/attachment-storage';
import { UPLOAD_FIELD } from '../attachments/attachment-upload.interceptor';
import type { UploadedPart } from '../attachments/attachments.service';
import type { AuthUser } from '../auth/auth-user';
import { badRequest, conflict, forbidden, unprocessable } from '../common/problem-details.filter';
import { actsForIssuer, DocumentsService, presentDocument } from './documents.service';

/** Each refusal of verifySignedPdf as a catalogue code (docs/api.md "Error codes"); the reason itself goes into `detail`. */
const REFUSALS: Record<SignedPdfFailureReason, ErrorCodeFor<422>> = {
  NOT_A_PDF: 'SIGNED_COPY_INVALID',
  UNSUPPORTED_SIGNATURE: 'SIGNED_COPY_INVALID',
  CMS_INVALID: 'SIGNED_COPY_INVALID',
  NO_SIGNATURE: 'SIGNED_COPY_UNSIGNED',
  BYTE_RANGE_INVALID: 'SIGNED_COPY_TAMPERED',
  DIGEST_MISMATCH: 'SIGNED_COPY_TAMPERED',
  SIGNATURE_INVALID: 'SIGNED_COPY_TAMPERED',
  SIGNING_TIME_IN_FUTURE: 'SIGNED_COPY_CERTIFICATE_INVALID',
  CERT_NOT_VALID_AT_SIGNING: 'SIGNED_COPY_CERTIFICATE_INVALID',
  NOT_THIS_DOCUMENT: 'SIGNED_COPY_NOT_THIS_DOCUMENT',
};

/** The ASCII marker the renderer writes into the PDF's Info /Keywords: what says "this is our document" after signing. */
export const documentMarker = (id: string): string => `accord-document:${id}`;

/**
 * Signed copies (issue 17, item 4): a decision is signed outside Accord (USB token, the government CA's plugin) and its
 * signed PDF uploaded here. The PDF is verified (signature, whole-file ByteRange, CMS digest and signature, signer
 * certificate valid at signing time, chain to SIGNING_TRUST_ANCHORS, this document's marker); an accepted copy is stored
 * in the attachment store under its sha256 (content-addressed, the same disk and backups as every other file of a
 * case, served and archived the same way) and the document becomes SIGNED, audited DOCUMENT_SIGNED.
 */
@Injectable()
export class DocumentSignedCopyService {
  private readonly trustAnchorsPem: string[];

  constructor(
    private readonly db: DataSource,
    private readonly documents: DocumentsService,
    private readonly storage: AttachmentStorage,
    @Inject(AppConfig) config: AppConfig,
  ) {
    // Read once at start: a missing file fails the start (loadConfig checked it exists), not the first upload.
    this.trustAnchorsPem = signingTrustAnchorsPem(config);
  }

  async upload(user: AuthUser, id: string, file: UploadedPart | undefined) {
    try {
      return await this.accept(user, id, file);
    } finally {
      if (file?.path) await unlink(file.path).catch(() => undefined);
    }
  }

  private async accept(user: AuthUser, id: string, file: UploadedPart | undefined) {
    // Who may see it first (404), then who may sign for the issuer (403), then the document's state (409).
    const seen = await this.documents.get(user, id);
    if (!actsForIssuer(user, seen.issuer.code))
      throw forbidden(
        `Only a LEADER, AGENCY_HEAD or CLERK of ${seen.issuer.code} may record this document's signed copy`,
        'document-issuer',
        'NOT_DOCUMENT_ISSUER',
      );
    if (seen.status === 'DRAFT')
      throw conflict(`Document ${id} is a DRAFT: issue it (POST /documents/${id}/issue) before signing`, 'DOCUMENT_NOT_ISSUED');
    if (!file) {
      const message = `Send the signed PDF as multipart/form-data in the field "${UPLOAD_FIELD}"`;
      throw badRequest(message, [{ field: UPLOAD_FIELD, message }], 'UPLOAD_INVALID');
    }
    const pdf = await readFile(file.path);
    // "This document": the bytes before the signature's incremental update are the rendering recorded at issue
    // (official_document.sha256, shown as `sha256` until signed), or else, for a signer that rewrote the file, the
    // signed revision carries the marker the renderer writes into Info /Keywords. Either one suffices.
    const unsigned = seen.status === 'ISSUED' ? seen.sha256?.trim() : undefined;
    const expected = { text: [documentMarker(id)], ...(unsigned ? { sha256OfUnsigned: unsigned } : {}) };
    const verdict = await verifySignedPdf(pdf, { expected, trustAnchorsPem: this.trustAnchorsPem });
    if (!verdict.ok) throw unprocessable(`${verdict.reason}: ${verdict.detail}`, REFUSALS[verdict.reason]);
    if (seen.status === 'SIGNED') {
      // The same copy again answers the document as it is; another one does not replace the recorded copy.
      if (seen.sha256 === verdict.sha256) return seen;
      throw conflict(`Document ${id} already has a signed copy (sha256 ${seen.sha256})`, 'DOCUMENT_ALREADY_SIGNED');
    }

    // Bytes first, as for attachments: an unreferenced content-addressed file is harmless, a row without bytes is not.
    await this.storage.put(verdict.sha256, pdf);
    const now = new Date().toISOString();
    const signature: DocumentSignature = {
      subject: verdict.signer.subject,
      issuer: verdict.signer.issuer,
      serial: verdict.signer.serial,
      signedAt: verdict.signedAt ?? now,
      chainTrusted: verdict.chainTrusted,
    };
    const outcome = await this.db.transaction(async (m) => {
      const row = await lockDocument(m, id);
      if (!row) return 'gone' as const;
      if (row.status === 'SIGNED') return row.signed_sha256 === verdict.sha256 ? ('same' as const) : ('other' as const);
      const signed = await markDocumentSigned(m, id, {
        sha256: verdict.sha256,
        signature,
        signedAt: now,
        signedBy: user.id,
        storageKey: verdict.sha256,
        size: pdf.length,
        signerName: verdict.signer.commonName || null,
      });
      if (!signed) return 'gone' as const;
      await appendAudit(m, [
        {
          at: now,
          actor: { id: user.id, name: user.fullName, type: 'USER' },
          action: 'DOCUMENT_SIGNED',
          proposalId: row.proposal_id,
          stage: null,
          payload: {
            documentId: id,
            codeNumber: row.number === null ? null : `${row.number}/${row.notation}`,
            sha256: verdict.sha256,
            size: pdf.length,
            signer: {
              subject: verdict.signer.subject,
              commonName: verdict.signer.commonName,
              issuer: verdict.signer.issuer,
              serial: verdict.signer.serial,
            },
            signedAt: verdict.signedAt,
            chainTrusted: verdict.chainTrusted,
            ...(verdict.chainProblem ? { chainProblem: verdict.chainProblem } : {}),
            ...(row.report_cycle_id ? { reportCycleId: row.report_cycle_id } : {}),
          },
        },
      ]);
      return 'signed' as const;
    });
    if (outcome === 'other') throw conflict(`Document ${id} already has another signed copy`, 'DOCUMENT_ALREADY_SIGNED');
    if (outcome === 'gone') throw conflict(`Document ${id} is no longer ISSUED`, 'DOCUMENT_NOT_ISSUED');
    return presentDocument((await findDocument(this.db, id))!);
  }
}
