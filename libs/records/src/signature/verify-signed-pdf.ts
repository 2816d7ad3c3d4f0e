/**
 * Verifies a PDF signed outside Accord (USB token, the government CA's signing plugin): PAdES-style detached CMS
 * (adbe.pkcs7.detached, ETSI.CAdES.detached) in a /Sig dictionary whose ByteRange covers the whole file but the
 * /Contents hex string. Pure library: no NestJS, no database; the api maps a failed verdict to 422 with its reason.
 *
 * CMS and X.509 structures are parsed with pkijs/asn1js (no hand-written ASN.1); digests and signature checks use
 * node:crypto so that each failure gets its own reason code. The PDF side is a byte scan, not a PDF parser: it only
 * needs to find the signature dictionary and the revision boundary, both of which signers write as plain text.
 *
 * Not checked (limits): revocation (CRL/OCSP, LTV/DSS data), RFC 3161 signature timestamps (signedAt is the
 * signer-claimed signingTime, which is also the time the certificate and chain are checked at), the signer
 * certificate's keyUsage/extendedKeyUsage and certificate policies, what the signer's incremental update adds besides
 * the signature (a "shadow" update could change what a viewer shows), signatures other than the last one, signature
 * dictionaries inside compressed object streams (reported as NO_SIGNATURE), document timestamps (/DocTimeStamp).
 */
import { createHash, createPublicKey, verify as cryptoVerify, webcrypto, type KeyObject } from 'node:crypto';
import { inflateSync } from 'node:zlib';
import * as asn1js from 'asn1js';
import * as pkijs from 'pkijs';

export type SignedPdfFailureReason =
  | 'NOT_A_PDF'
  | 'NO_SIGNATURE'
  | 'BYTE_RANGE_INVALID'
  | 'UNSUPPORTED_SIGNATURE'
  | 'CMS_INVALID'
  | 'DIGEST_MISMATCH'
  | 'SIGNATURE_INVALID'
  | 'SIGNING_TIME_IN_FUTURE'
  | 'CERT_NOT_VALID_AT_SIGNING'
  | 'NOT_THIS_DOCUMENT';

export interface SignerCertificateInfo {
  /** Distinguished name in certificate order, e.g. "C=VN, O=UBND tỉnh Hà Tĩnh, CN=Nguyễn Văn A". */
  subject: string;
  issuer: string;
  /** The subject's CN, for display; null when the certificate has none. */
  commonName: string | null;
  /** Serial number, uppercase hex without separators. */
  serial: string;
  /** ISO 8601 instants (JSON-friendly, they go into the audit chain as they are). */
  notBefore: string;
  notAfter: string;
}

export interface SignedPdfValid {
  ok: true;
  signer: SignerCertificateInfo;
  /** The CMS signingTime attribute (ISO 8601); null when the signer did not include one. Claimed by the signer, not a trusted timestamp. */
  signedAt: string | null;
  chainTrusted: boolean;
  /** Why the chain is not trusted (absent when chainTrusted). */
  chainProblem?: string;
  byteRange: [number, number, number, number];
  /** sha256 of the whole signed file, hex. */
  sha256: string;
  /** SubFilter of the signature dictionary, e.g. adbe.pkcs7.detached. */
  subFilter: string;
  /** How many signature dictionaries the file has; only the last one is verified. */
  signatureCount: number;
}

export interface SignedPdfInvalid {
  ok: false;
  reason: SignedPdfFailureReason;
  detail: string;
}

export type SignedPdfVerdict = SignedPdfValid | SignedPdfInvalid;

export interface ExpectedDocument {
  /**
   * sha256 (hex) of the unsigned PDF Accord rendered and served for signing. Signers append an incremental update, so
   * the bytes before the signature's update are exactly that file: the api stores the hash when it serves the PDF and
   * passes it here. This is the strong check ("this is our rendering").
   */
  sha256OfUnsigned?: string;
  /**
   * Strings that must all occur in the signed revision (raw bytes and inflated streams, as UTF-8 or UTF-16BE). The
   * fallback for signing tools that rewrite the file instead of appending: page text in embedded fonts is glyph ids and
   * cannot be searched, so the api should put an ASCII marker into the rendering's Info dictionary (e.g. /Keywords
   * (accord-document:<id> sha256:<hash of the body>)) and pass that marker here.
   */
  text?: string[];
}

export interface VerifySignedPdfOptions {
  /** When given, the signed revision must match it: sha256OfUnsigned matches, or (else) every text string is found. */
  expected?: ExpectedDocument | undefined;
  /** PEM certificates the signer's chain must reach (SIGNING_TRUST_ANCHORS); an entry may hold several certificates. */
  trustAnchorsPem?: string[];
  /** Current time; used for the chain check when the CMS has no signingTime, and to reject future signing times. */
  now?: Date;
}

const OID = {
  signedData: '1.2.840.113549.1.7.2',
  data: '1.2.840.113549.1.7.1',
  contentType: '1.2.840.113549.1.9.3',
  messageDigest: '1.2.840.113549.1.9.4',
  signingTime: '1.2.840.113549.1.9.5',
  rsaEncryption: '1.2.840.113549.1.1.1',
  rsaPss: '1.2.840.113549.1.1.10',
  ecPublicKey: '1.2.840.10045.2.1',
};

const DIGESTS: Record<string, string> = {
  '1.3.14.3.2.26': 'sha1',
  '2.16.840.1.101.3.4.2.1': 'sha256',
  '2.16.840.1.101.3.4.2.2': 'sha384',
  '2.16.840.1.101.3.4.2.3': 'sha512',
};

/** Signature algorithm OIDs that name their hash; rsaEncryption and id-ecPublicKey use the SignerInfo's digest. */
const SIGNATURE_ALGORITHMS: Record<string, { kind: 'rsa' | 'ecdsa'; hash?: string }> = {
  [OID.rsaEncryption]: { kind: 'rsa' },
  '1.2.840.113549.1.1.5': { kind: 'rsa', hash: 'sha1' },
  '1.2.840.113549.1.1.11': { kind: 'rsa', hash: 'sha256' },
  '1.2.840.113549.1.1.12': { kind: 'rsa', hash: 'sha384' },
  '1.2.840.113549.1.1.13': { kind: 'rsa', hash: 'sha512' },
  [OID.ecPublicKey]: { kind: 'ecdsa' },
  '1.2.840.10045.4.1': { kind: 'ecdsa', hash: 'sha1' },
  '1.2.840.10045.4.3.2': { kind: 'ecdsa', hash: 'sha256' },
  '1.2.840.10045.4.3.3': { kind: 'ecdsa', hash: 'sha384' },
  '1.2.840.10045.4.3.4': { kind: 'ecdsa', hash: 'sha512' },
};

const SUPPORTED_SUB_FILTERS = ['adbe.pkcs7.detached', 'ETSI.CAdES.detached'];

const NAME_ATTRIBUTES: Record<string, string> = {
  '2.5.4.3': 'CN',
  '2.5.4.4': 'SN',
  '2.5.4.42': 'GN',
  '2.5.4.5': 'serialNumber',
  '2.5.4.6': 'C',
  '2.5.4.7': 'L',
  '2.5.4.8': 'ST',
  '2.5.4.10': 'O',
  '2.5.4.11': 'OU',
  '2.5.4.12': 'T',
  '1.2.840.113549.1.9.1': 'E',
  // Vietnamese CAs put the citizen id / tax code into UID.
  '0.9.2342.19200300.100.1.1': 'UID',
};

/** A future signingTime beyond this skew is a forgery or a broken clock; either way not accepted. */
const CLOCK_SKEW_MS = 5 * 60_000;

// Node's webcrypto, passed explicitly rather than relying on pkijs picking up globalThis.crypto; the cast is only
// because tsconfig has no DOM lib, whose Crypto type pkijs declares.
type WebCrypto = ConstructorParameters<typeof pkijs.CryptoEngine>[0]['crypto'];
const pkiCrypto = new pkijs.CryptoEngine({ name: 'node', crypto: webcrypto as unknown as WebCrypto });

class Failure extends Error {
  constructor(
    readonly reason: SignedPdfFailureReason,
    readonly detail: string,
  ) {
    super(`${reason}: ${detail}`);
  }
}

/**
 * Verifies the last signature of a signed PDF. With several signatures (a co-signed or countersigned decision) only
 * the last one is verified: it is the only one whose ByteRange can cover the whole file, and it covers the earlier
 * signatures too; the earlier ones are counted in signatureCount but not checked.
 */
export async function verifySignedPdf(pdf: Buffer, options: VerifySignedPdfOptions = {}): Promise<SignedPdfVerdict> {
  try {
    return await verify(pdf, options);
  } catch (error) {
    if (error instanceof Failure) return { ok: false, reason: error.reason, detail: error.detail };
    throw error;
  }
}

async function verify(pdf: Buffer, options: VerifySignedPdfOptions): Promise<SignedPdfValid> {
  const now = options.now ?? new Date();
  // PDF readers accept up to 1 KiB of junk before the header; so do we, the ByteRange check still covers it.
  if (pdf.subarray(0, 1024).indexOf('%PDF-', 0, 'latin1') < 0) throw new Failure('NOT_A_PDF', 'no %PDF- header');

  const text = pdf.toString('latin1');
  const sig = findLastSignature(text);
  const byteRange = checkByteRange(pdf, text, sig);
  const subFilter = /\/SubFilter\s*\/([A-Za-z0-9.#_-]+)/.exec(sig.objectText)?.[1] ?? '';
  if (!SUPPORTED_SUB_FILTERS.includes(subFilter)) {
    throw new Failure('UNSUPPORTED_SIGNATURE', `SubFilter ${subFilter || '(none)'}; supported: ${SUPPORTED_SUB_FILTERS.join(', ')}`);
  }

  const signedBytes = Buffer.concat([pdf.subarray(byteRange[0], byteRange[0] + byteRange[1]), pdf.subarray(byteRange[2])]);
  const cms = parseCms(pdf.subarray(byteRange[0] + byteRange[1] + 1, byteRange[2] - 1));
  const signerCert = checkSignature(cms, signedBytes);

  const signedAt = readSigningTime(cms.signerInfo);
  if (signedAt && signedAt.getTime() > now.getTime() + CLOCK_SKEW_MS) {
    throw new Failure('SIGNING_TIME_IN_FUTURE', `signingTime ${signedAt.toISOString()} is after ${now.toISOString()}`);
  }
  const checkDate = signedAt ?? now;
  const notBefore = signerCert.notBefore.value;
  const notAfter = signerCert.notAfter.value;
  if (checkDate < notBefore || checkDate > notAfter) {
    throw new Failure(
      'CERT_NOT_VALID_AT_SIGNING',
      `certificate valid ${notBefore.toISOString()} to ${notAfter.toISOString()}, signed at ${checkDate.toISOString()}`,
    );
  }

  if (options.expected) checkExpected(pdf, sig, signedBytes, options.expected);

  const chain = await checkChain(signerCert, cms.certificates, options.trustAnchorsPem ?? [], checkDate);
  return {
    ok: true,
    signer: describeCertificate(signerCert),
    signedAt: signedAt ? signedAt.toISOString() : null,
    chainTrusted: chain.trusted,
    ...(chain.problem === undefined ? {} : { chainProblem: chain.problem }),
    byteRange,
    sha256: createHash('sha256').update(pdf).digest('hex'),
    subFilter,
    signatureCount: sig.count,
  };
}

interface FoundSignature {
  byteRange: [number, number, number, number];
  /** Offsets of the signature dictionary's object ("N G obj" … "endobj") and its text. */
  objectStart: number;
  objectEnd: number;
  objectText: string;
  count: number;
}

/** The last /ByteRange of a /Type /Sig dictionary (incremental updates append, so the last one is the newest). */
function findLastSignature(text: string): FoundSignature {
  const pattern = /\/ByteRange\s*\[\s*(\d+)\s+(\d+)\s+(\d+)\s+(\d+)\s*\]/g;
  const found: FoundSignature[] = [];
  for (let match = pattern.exec(text); match; match = pattern.exec(text)) {
    const objectStart = lastObjectHeader(text, match.index);
    if (objectStart < 0) continue;
    const endobj = text.indexOf('endobj', match.index);
    const objectEnd = endobj < 0 ? text.length : endobj + 'endobj'.length;
    const objectText = text.slice(objectStart, objectEnd);
    // /Type is optional in a signature dictionary, but every signer writes it; a document timestamp (/DocTimeStamp)
    // is not a signature by a person.
    if (!/\/Type\s*\/Sig\b/.test(objectText)) continue;
    const byteRange = [match[1], match[2], match[3], match[4]].map(Number) as [number, number, number, number];
    found.push({ byteRange, objectStart, objectEnd, objectText, count: 0 });
  }
  const last = found.at(-1);
  if (!last) throw new Failure('NO_SIGNATURE', 'no signature dictionary (/Type /Sig with /ByteRange)');
  return { ...last, count: found.length };
}

/**
 * Offset of the "N G obj" header of the object around `position`, or -1 when `position` is not inside an object. Hex
 * strings cannot contain "obj", so a backward scan is safe however large the /Contents placeholder is.
 */
function lastObjectHeader(text: string, position: number): number {
  for (let at = text.lastIndexOf('obj', position); at >= 0; at = text.lastIndexOf('obj', at - 1)) {
    if (text.startsWith('endobj', at - 3)) return -1;
    const header = /(\d+)\s+(\d+)\s+$/.exec(text.slice(Math.max(0, at - 32), at));
    if (header) return at - header[0].length;
  }
  return -1;
}

/**
 * The ByteRange must be [0, b, c, d] with the gap [b, c) exactly the /Contents hex string of the same dictionary,
 * c + d = file length, and the ByteRange itself inside the signed bytes: then nothing but the signature is unsigned.
 */
function checkByteRange(pdf: Buffer, text: string, sig: FoundSignature): [number, number, number, number] {
  const [a, b, c, d] = sig.byteRange;
  const fail = (detail: string): never => {
    throw new Failure('BYTE_RANGE_INVALID', `ByteRange [${a} ${b} ${c} ${d}]: ${detail}`);
  };
  if (a !== 0) fail('does not start at the beginning of the file');
  if (b <= 0 || c <= b + 1) fail('the two ranges overlap or leave no room for /Contents');
  if (c + d !== pdf.length) fail(`ends at ${c + d}, the file has ${pdf.length} bytes (data was appended or cut after signing)`);
  if (pdf[b] !== 0x3c || pdf[c - 1] !== 0x3e) fail('the gap is not a hex string <…>');
  if (!/^[0-9A-Fa-f]*$/.test(text.slice(b + 1, c - 1))) fail('the gap holds more than hex digits');
  if ((c - b - 2) % 2 !== 0) fail('odd number of hex digits');
  if (b < sig.objectStart || c > sig.objectEnd || !/\/Contents\s*$/.test(text.slice(sig.objectStart, b))) {
    fail('the gap is not the /Contents of the signature dictionary');
  }
  return sig.byteRange;
}

interface ParsedCms {
  signedData: pkijs.SignedData;
  signerInfo: pkijs.SignerInfo;
  certificates: pkijs.Certificate[];
}

function parseCms(hex: Buffer): ParsedCms {
  const der = Buffer.from(hex.toString('latin1'), 'hex');
  // The placeholder is longer than the CMS and zero-padded; anything else after the CMS is not ours to accept.
  const asn1 = asn1js.fromBER(der);
  if (asn1.offset === -1) throw new Failure('CMS_INVALID', `not DER: ${asn1.result.error}`);
  if (der.subarray(asn1.offset).some((byte) => byte !== 0)) throw new Failure('CMS_INVALID', 'non-zero bytes after the CMS in /Contents');
  let signedData: pkijs.SignedData;
  try {
    const contentInfo = new pkijs.ContentInfo({ schema: asn1.result });
    if (contentInfo.contentType !== OID.signedData) throw new Error(`content type ${contentInfo.contentType}, not signedData`);
    signedData = new pkijs.SignedData({ schema: contentInfo.content });
  } catch (error) {
    throw new Failure('CMS_INVALID', error instanceof Error ? error.message : String(error));
  }
  if (signedData.encapContentInfo.eContent) throw new Failure('CMS_INVALID', 'not detached: the CMS encapsulates content');
  if (signedData.signerInfos.length !== 1) throw new Failure('CMS_INVALID', `${signedData.signerInfos.length} signers, expected 1`);
  const certificates = (signedData.certificates ?? []).filter((cert): cert is pkijs.Certificate => cert instanceof pkijs.Certificate);
  return { signedData, signerInfo: signedData.signerInfos[0], certificates };
}

function findSignerCertificate(signerInfo: pkijs.SignerInfo, certificates: pkijs.Certificate[]): pkijs.Certificate {
  const sid = signerInfo.sid as unknown;
  const cert = certificates.find((candidate) => {
    if (sid instanceof pkijs.IssuerAndSerialNumber) {
      return candidate.issuer.isEqual(sid.issuer) && candidate.serialNumber.isEqual(sid.serialNumber);
    }
    if (sid instanceof asn1js.Primitive) {
      // SubjectKeyIdentifier form ([0] IMPLICIT OCTET STRING).
      const ski = candidate.extensions?.find((extension) => extension.extnID === '2.5.29.14')?.parsedValue;
      return ski instanceof asn1js.OctetString && Buffer.from(ski.valueBlock.valueHexView).equals(Buffer.from(sid.valueBlock.valueHexView));
    }
    return false;
  });
  if (!cert) throw new Failure('CMS_INVALID', 'the signer certificate is not embedded in the CMS');
  return cert;
}

/** messageDigest against the ByteRange bytes, then the signature over signedAttrs with the signer's key. */
function checkSignature(cms: ParsedCms, signedBytes: Buffer): pkijs.Certificate {
  const { signerInfo } = cms;
  const digestName = DIGESTS[signerInfo.digestAlgorithm.algorithmId];
  if (!digestName) throw new Failure('UNSUPPORTED_SIGNATURE', `digest algorithm ${signerInfo.digestAlgorithm.algorithmId}`);
  const signerCert = findSignerCertificate(signerInfo, cms.certificates);
  const contentDigest = createHash(digestName).update(signedBytes).digest();

  let toVerify: Buffer;
  if (signerInfo.signedAttrs) {
    const attrs = signerInfo.signedAttrs.attributes;
    const contentType = attrs.find((attr) => attr.type === OID.contentType)?.values[0];
    if (!(contentType instanceof asn1js.ObjectIdentifier) || contentType.valueBlock.toString() !== OID.data) {
      throw new Failure('CMS_INVALID', 'signed attribute contentType missing or not id-data');
    }
    const messageDigest = attrs.find((attr) => attr.type === OID.messageDigest)?.values[0];
    if (!(messageDigest instanceof asn1js.OctetString)) throw new Failure('CMS_INVALID', 'signed attribute messageDigest missing');
    if (!Buffer.from(messageDigest.valueBlock.valueHexView).equals(contentDigest)) {
      throw new Failure('DIGEST_MISMATCH', `the ${digestName} of the ByteRange bytes differs from the signed messageDigest`);
    }
    // The signature is over the DER of the attributes as a SET (RFC 5652 5.4): the bytes as received, tag [0] -> SET.
    toVerify = Buffer.from(signerInfo.signedAttrs.encodedValue);
    toVerify[0] = 0x31;
  } else {
    // adbe.pkcs7.detached allows a bare signature over the content; a digest mismatch then shows as a bad signature.
    toVerify = signedBytes;
  }

  const algorithmId = signerInfo.signatureAlgorithm.algorithmId;
  const signature = Buffer.from(signerInfo.signature.valueBlock.valueHexView);
  let publicKey: KeyObject;
  try {
    publicKey = createPublicKey({ key: Buffer.from(signerCert.subjectPublicKeyInfo.toSchema().toBER()), format: 'der', type: 'spki' });
  } catch (error) {
    throw new Failure('CMS_INVALID', `signer public key: ${error instanceof Error ? error.message : String(error)}`);
  }
  let valid: boolean;
  if (algorithmId === OID.rsaPss) {
    let params: pkijs.RSASSAPSSParams;
    try {
      params = new pkijs.RSASSAPSSParams({ schema: signerInfo.signatureAlgorithm.algorithmParams });
    } catch (error) {
      throw new Failure('CMS_INVALID', `RSA-PSS parameters: ${error instanceof Error ? error.message : String(error)}`);
    }
    const hash = DIGESTS[params.hashAlgorithm.algorithmId];
    if (!hash) throw new Failure('UNSUPPORTED_SIGNATURE', `RSA-PSS hash ${params.hashAlgorithm.algorithmId}`);
    valid = safeVerify(hash, toVerify, { key: publicKey, padding: 6, saltLength: params.saltLength }, signature);
  } else {
    const algorithm = SIGNATURE_ALGORITHMS[algorithmId];
    if (!algorithm) throw new Failure('UNSUPPORTED_SIGNATURE', `signature algorithm ${algorithmId}`);
    const keyType = publicKey.asymmetricKeyType;
    if ((algorithm.kind === 'rsa') !== (keyType === 'rsa') || (algorithm.kind === 'ecdsa') !== (keyType === 'ec')) {
      throw new Failure('SIGNATURE_INVALID', `signature algorithm ${algorithmId} does not fit the certificate's ${keyType} key`);
    }
    // RSA: PKCS#1 v1.5 (node's default padding); ECDSA: CMS carries the DER (r, s) form, node's default dsaEncoding.
    valid = safeVerify(algorithm.hash ?? digestName, toVerify, publicKey, signature);
  }
  if (!valid) throw new Failure('SIGNATURE_INVALID', `the ${algorithmId} signature does not verify with the signer certificate's key`);
  return signerCert;
}

function safeVerify(hash: string, data: Buffer, key: Parameters<typeof cryptoVerify>[2], signature: Buffer): boolean {
  try {
    return cryptoVerify(hash, data, key, signature);
  } catch {
    // Malformed signature values (e.g. a broken ECDSA DER) throw instead of returning false.
    return false;
  }
}

function readSigningTime(signerInfo: pkijs.SignerInfo): Date | null {
  const value = signerInfo.signedAttrs?.attributes.find((attr) => attr.type === OID.signingTime)?.values[0];
  if (value instanceof asn1js.UTCTime || value instanceof asn1js.GeneralizedTime) return value.toDate();
  if (value !== undefined) throw new Failure('CMS_INVALID', 'signingTime is neither UTCTime nor GeneralizedTime');
  return null;
}

/**
 * "This is our rendering": the signed revision is the bytes before the incremental update that holds the signature
 * dictionary, i.e. up to the %%EOF (and its end-of-line) preceding that object. A signer that appends (every PAdES
 * signer does) leaves the served PDF byte-identical there, so the sha256 Accord recorded when it served the unsigned
 * PDF matches. Text strings are the fallback (see ExpectedDocument.text). The update itself may add objects (the
 * signature field, its widget and appearance); they are not inspected, see the limits in the report/docs.
 */
function checkExpected(pdf: Buffer, sig: FoundSignature, signedBytes: Buffer, expected: ExpectedDocument): void {
  const eof = pdf.subarray(0, sig.objectStart).lastIndexOf('%%EOF', undefined, 'latin1');
  const revisionEnds = eof < 0 ? [] : eolVariants(pdf, eof + '%%EOF'.length);
  const problems: string[] = [];
  if (expected.sha256OfUnsigned !== undefined) {
    const want = expected.sha256OfUnsigned.toLowerCase();
    if (revisionEnds.some((end) => createHash('sha256').update(pdf.subarray(0, end)).digest('hex') === want)) return;
    problems.push(
      eof < 0 ? 'the signature is not in an incremental update of an earlier revision' : 'the signed revision has another sha256',
    );
  }
  if (expected.text !== undefined) {
    // Without an earlier revision (a signer that rewrote the file) search everything the signature covers.
    const revision = revisionEnds.length ? pdf.subarray(0, revisionEnds.at(-1)) : signedBytes;
    const haystacks = [revision, ...inflatedStreams(revision)];
    const missing = expected.text.filter((needle) => !haystacks.some((hay) => containsText(hay, needle)));
    if (missing.length === 0) return;
    problems.push(`the signed revision lacks ${missing.map((m) => JSON.stringify(m)).join(', ')}`);
  }
  if (problems.length) throw new Failure('NOT_THIS_DOCUMENT', problems.join('; '));
}

/** Candidate revision ends after %%EOF: the marker alone, or followed by CR, LF or CRLF. */
function eolVariants(pdf: Buffer, end: number): number[] {
  const ends = [end];
  if (pdf[end] === 0x0d) ends.push(end + 1);
  if (pdf[end] === 0x0a || (pdf[end] === 0x0d && pdf[end + 1] === 0x0a)) ends.push(pdf[end] === 0x0d ? end + 2 : end + 1);
  return ends;
}

function inflatedStreams(revision: Buffer): Buffer[] {
  const text = revision.toString('latin1');
  const out: Buffer[] = [];
  const pattern = /(?<!end)stream\r?\n/g;
  for (let match = pattern.exec(text); match; match = pattern.exec(text)) {
    const start = match.index + match[0].length;
    const end = text.indexOf('endstream', start);
    if (end < 0) break;
    try {
      out.push(inflateSync(revision.subarray(start, end)));
    } catch {
      // Not Flate (or not compressed at all): the raw bytes are already searched.
    }
    pattern.lastIndex = end;
  }
  return out;
}

function containsText(hay: Buffer, needle: string): boolean {
  const utf16be = Buffer.from(needle, 'utf16le').swap16();
  return hay.includes(Buffer.from(needle, 'utf8')) || hay.includes(utf16be);
}

async function checkChain(
  signer: pkijs.Certificate,
  cmsCertificates: pkijs.Certificate[],
  anchorsPem: string[],
  checkDate: Date,
): Promise<{ trusted: boolean; problem?: string }> {
  const trustedCerts = anchorsPem.flatMap(parsePemCertificates);
  if (trustedCerts.length === 0) return { trusted: false, problem: 'no trust anchors configured' };
  // The chain is built from the certificates the signer embedded in the CMS; revocation (CRL/OCSP) is not checked.
  const engine = new pkijs.CertificateChainValidationEngine({
    trustedCerts,
    certs: [signer, ...cmsCertificates.filter((cert) => cert !== signer)],
    checkDate,
  });
  try {
    const result = await engine.verify({}, pkiCrypto);
    return result.result
      ? { trusted: true }
      : { trusted: false, problem: result.resultMessage || `chain check failed (${result.resultCode})` };
  } catch (error) {
    const message = error instanceof Error ? error.message : (error as { resultMessage?: string })?.resultMessage;
    return { trusted: false, problem: message || 'chain check failed' };
  }
}

/** Certificates in a PEM text (one or several BEGIN CERTIFICATE blocks). Throws on a malformed one: it is configuration. */
export function parsePemCertificates(pem: string): pkijs.Certificate[] {
  const blocks = pem.match(/-----BEGIN CERTIFICATE-----[\s\S]*?-----END CERTIFICATE-----/g) ?? [];
  return blocks.map((block) => {
    const base64 = block.replace(/-----(BEGIN|END) CERTIFICATE-----/g, '').replace(/\s+/g, '');
    return pkijs.Certificate.fromBER(Buffer.from(base64, 'base64'));
  });
}

function describeCertificate(cert: pkijs.Certificate): SignerCertificateInfo {
  const subject = cert.subject.typesAndValues;
  const cn = subject.find((tv) => tv.type === '2.5.4.3');
  return {
    subject: formatName(cert.subject),
    issuer: formatName(cert.issuer),
    commonName: cn ? attributeValue(cn) : null,
    serial: Buffer.from(cert.serialNumber.valueBlock.valueHexView).toString('hex').toUpperCase(),
    notBefore: cert.notBefore.value.toISOString(),
    notAfter: cert.notAfter.value.toISOString(),
  };
}

function formatName(name: pkijs.RelativeDistinguishedNames): string {
  return name.typesAndValues.map((tv) => `${NAME_ATTRIBUTES[tv.type] ?? tv.type}=${attributeValue(tv)}`).join(', ');
}

function attributeValue(tv: pkijs.AttributeTypeAndValue): string {
  const block = (tv.value as { valueBlock?: { value?: unknown } }).valueBlock;
  return typeof block?.value === 'string' ? block.value : Buffer.from(tv.value.toBER()).toString('hex');
}
