/**
 * Test support: a throwaway CA, signer certificates, a minimal PDF, and PDF signing the way real signers do it
 * (incremental update with a /Sig dictionary, zero-filled /Contents placeholder, ByteRange, detached CMS with
 * contentType, messageDigest and signingTime). Exported for the api's integration tests; not for production use.
 */
import { createHash, webcrypto } from 'node:crypto';
import { deflateSync } from 'node:zlib';
import * as asn1js from 'asn1js';
import * as pkijs from 'pkijs';

// Node's webcrypto, passed explicitly rather than relying on pkijs picking up globalThis.crypto; the cast is only
// because tsconfig has no DOM lib, whose Crypto type pkijs declares.
type WebCrypto = ConstructorParameters<typeof pkijs.CryptoEngine>[0]['crypto'];
const crypto = new pkijs.CryptoEngine({ name: 'node', crypto: webcrypto as unknown as WebCrypto });
const subtle = webcrypto.subtle;

export type TestKeyType = 'rsa' | 'ec';

export interface TestIdentity {
  certificate: pkijs.Certificate;
  certificatePem: string;
  privateKey: webcrypto.CryptoKey;
  keyType: TestKeyType;
  /** Issuing CAs to embed next to the certificate in a CMS (empty for a root). */
  chain: pkijs.Certificate[];
}

export interface TestCertificateOptions {
  commonName: string;
  organization?: string;
  notBefore?: Date;
  notAfter?: Date;
  keyType?: TestKeyType;
}

let serialCounter = 1;

async function generateKeys(keyType: TestKeyType): Promise<webcrypto.CryptoKeyPair> {
  const algorithm =
    keyType === 'rsa'
      ? { name: 'RSASSA-PKCS1-v1_5', modulusLength: 2048, publicExponent: new Uint8Array([1, 0, 1]), hash: 'SHA-256' }
      : { name: 'ECDSA', namedCurve: 'P-256' };
  return (await subtle.generateKey(algorithm, true, ['sign', 'verify'])) as webcrypto.CryptoKeyPair;
}

function setName(name: pkijs.RelativeDistinguishedNames, commonName: string, organization: string): void {
  name.typesAndValues.push(new pkijs.AttributeTypeAndValue({ type: '2.5.4.6', value: new asn1js.PrintableString({ value: 'VN' }) }));
  name.typesAndValues.push(new pkijs.AttributeTypeAndValue({ type: '2.5.4.10', value: new asn1js.Utf8String({ value: organization }) }));
  name.typesAndValues.push(new pkijs.AttributeTypeAndValue({ type: '2.5.4.3', value: new asn1js.Utf8String({ value: commonName }) }));
}

function toPem(cert: pkijs.Certificate): string {
  const base64 = Buffer.from(cert.toSchema().toBER()).toString('base64');
  return `-----BEGIN CERTIFICATE-----\n${base64.replace(/(.{64})/g, '$1\n').trimEnd()}\n-----END CERTIFICATE-----\n`;
}

async function makeCertificate(options: TestCertificateOptions, issuer: TestIdentity | null, isCa: boolean): Promise<TestIdentity> {
  const keyType = options.keyType ?? 'rsa';
  const keys = await generateKeys(keyType);
  const cert = new pkijs.Certificate();
  cert.version = 2;
  cert.serialNumber = new asn1js.Integer({ value: serialCounter++ + Math.floor(Math.random() * 1_000_000) * 1000 });
  setName(cert.subject, options.commonName, options.organization ?? 'Accord Test');
  if (issuer) cert.issuer = issuer.certificate.subject;
  else setName(cert.issuer, options.commonName, options.organization ?? 'Accord Test');
  cert.notBefore.value = options.notBefore ?? new Date(Date.now() - 24 * 3600_000);
  cert.notAfter.value = options.notAfter ?? new Date(Date.now() + 365 * 24 * 3600_000);
  await cert.subjectPublicKeyInfo.importKey(keys.publicKey, crypto);
  const basicConstraints = new pkijs.BasicConstraints({ cA: isCa, ...(isCa ? { pathLenConstraint: 1 } : {}) });
  // keyUsage: keyCertSign + cRLSign for a CA, digitalSignature + nonRepudiation for a signer.
  const keyUsageBits = isCa ? new Uint8Array([0x06]) : new Uint8Array([0xc0]);
  const keyUsage = new asn1js.BitString({ valueHex: keyUsageBits, unusedBits: isCa ? 1 : 6 });
  const subjectKeyId = createHash('sha1').update(Buffer.from(cert.subjectPublicKeyInfo.subjectPublicKey.valueBlock.valueHexView)).digest();
  cert.extensions = [
    new pkijs.Extension({
      extnID: '2.5.29.19',
      critical: true,
      extnValue: basicConstraints.toSchema().toBER(),
      parsedValue: basicConstraints,
    }),
    new pkijs.Extension({ extnID: '2.5.29.15', critical: true, extnValue: keyUsage.toBER() }),
    new pkijs.Extension({ extnID: '2.5.29.14', extnValue: new asn1js.OctetString({ valueHex: subjectKeyId }).toBER() }),
  ];
  const signingKey = issuer ? issuer.privateKey : keys.privateKey;
  await cert.sign(signingKey, 'SHA-256', crypto);
  return {
    certificate: cert,
    certificatePem: toPem(cert),
    privateKey: keys.privateKey,
    keyType,
    chain: issuer ? [issuer.certificate, ...issuer.chain] : [],
  };
}

/** A self-signed root CA. */
export function createTestCa(options: TestCertificateOptions): Promise<TestIdentity> {
  return makeCertificate(options, null, true);
}

/** A signer (end-entity) certificate issued by `ca`. */
export function issueTestCertificate(ca: TestIdentity, options: TestCertificateOptions): Promise<TestIdentity> {
  return makeCertificate(options, ca, false);
}

/** A minimal one-page PDF (classic xref table) showing `lines` in Helvetica; `compress` deflates the page content. */
export function buildTestPdf(lines: string[], options: { compress?: boolean } = {}): Buffer {
  const escape = (line: string) => line.replace(/[\\()]/g, (c) => `\\${c}`);
  const content = ['BT', '/F1 12 Tf', '72 770 Td', '14 TL', ...lines.map((line) => `(${escape(line)}) '`), 'ET'].join('\n');
  const deflated = deflateSync(Buffer.from(content, 'latin1'));
  const objects = [
    '<< /Type /Catalog /Pages 2 0 R >>',
    '<< /Type /Pages /Kids [3 0 R] /Count 1 >>',
    '<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Resources << /Font << /F1 5 0 R >> >> /Contents 4 0 R >>',
    options.compress
      ? `<< /Length ${deflated.length} /Filter /FlateDecode >>\nstream\n${deflated.toString('latin1')}\nendstream`
      : `<< /Length ${Buffer.byteLength(content, 'latin1')} >>\nstream\n${content}\nendstream`,
    '<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>',
  ];
  let out = '%PDF-1.7\n%\xe2\xe3\xcf\xd3\n';
  const offsets: number[] = [];
  objects.forEach((body, index) => {
    offsets.push(Buffer.byteLength(out, 'latin1'));
    out += `${index + 1} 0 obj\n${body}\nendobj\n`;
  });
  const xref = Buffer.byteLength(out, 'latin1');
  out += `xref\n0 ${objects.length + 1}\n0000000000 65535 f \n`;
  out += offsets.map((offset) => `${String(offset).padStart(10, '0')} 00000 n \n`).join('');
  out += `trailer\n<< /Size ${objects.length + 1} /Root 1 0 R >>\nstartxref\n${xref}\n%%EOF\n`;
  return Buffer.from(out, 'latin1');
}

export interface SignPdfOptions {
  /** CMS signingTime; default now. null leaves the attribute out. */
  signingTime?: Date | null;
  subFilter?: 'adbe.pkcs7.detached' | 'ETSI.CAdES.detached';
  /** Bytes reserved for the CMS (hex doubles it). */
  placeholderSize?: number;
  /** Embed the issuing CAs next to the signer certificate (default true). */
  includeChain?: boolean;
}

/**
 * Signs `pdf` by appending an incremental update that holds only the signature dictionary (no AcroForm field or
 * widget: viewers will not list it in a signature panel, the verifier does not need them). Works on PDFs with a
 * classic trailer or an xref stream, as long as /Root and /Size are readable as text.
 */
export async function signPdf(pdf: Buffer, signer: TestIdentity, options: SignPdfOptions = {}): Promise<Buffer> {
  const text = pdf.toString('latin1');
  const root = [...text.matchAll(/\/Root\s+(\d+\s+\d+\s+R)/g)].at(-1)?.[1];
  const size = [...text.matchAll(/\/Size\s+(\d+)/g)].at(-1)?.[1];
  const startxref = [...text.matchAll(/startxref\s+(\d+)/g)].at(-1)?.[1];
  if (!root || !size || !startxref) throw new Error('signPdf: cannot find /Root, /Size or startxref');
  const objectNumber = Number(size);
  const placeholderSize = options.placeholderSize ?? 8192;
  const subFilter = options.subFilter ?? 'adbe.pkcs7.detached';
  const signingTime = options.signingTime === undefined ? new Date() : options.signingTime;

  const byteRangePlaceholder = '/ByteRange [0 0000000000 0000000000 0000000000]';
  const prefix = pdf.at(-1) === 0x0a ? '' : '\n';
  const objectHead = `${prefix}${objectNumber} 0 obj\n<< /Type /Sig /Filter /Adobe.PPKLite /SubFilter /${subFilter} ${byteRangePlaceholder} /Contents <`;
  const objectTail = `> /M (D:${pdfDate(signingTime ?? new Date())}) /Reason (Test signature) >>\nendobj\n`;
  const objectOffset = pdf.length + prefix.length;
  const update = `${objectHead}${'0'.repeat(placeholderSize * 2)}${objectTail}`;
  const xrefOffset = pdf.length + Buffer.byteLength(update, 'latin1');
  const xref =
    `xref\n${objectNumber} 1\n${String(objectOffset).padStart(10, '0')} 00000 n \n` +
    `trailer\n<< /Size ${objectNumber + 1} /Root ${root} /Prev ${startxref} >>\nstartxref\n${xrefOffset}\n%%EOF\n`;
  const signed = Buffer.concat([pdf, Buffer.from(update + xref, 'latin1')]);

  const contentsStart = pdf.length + Buffer.byteLength(objectHead, 'latin1') - 1; // the '<'
  const contentsEnd = contentsStart + placeholderSize * 2 + 2; // after the '>'
  const byteRange = [0, contentsStart, contentsEnd, signed.length - contentsEnd];
  const filled = `/ByteRange [${byteRange.join(' ')}]`.padEnd(byteRangePlaceholder.length, ' ');
  const byteRangeAt = signed.indexOf(byteRangePlaceholder, pdf.length, 'latin1');
  signed.write(filled, byteRangeAt, 'latin1');

  const data = Buffer.concat([signed.subarray(0, contentsStart), signed.subarray(contentsEnd)]);
  const cms = await createDetachedCms(data, signer, signingTime, options.includeChain ?? true);
  if (cms.length > placeholderSize) throw new Error(`signPdf: CMS of ${cms.length} bytes exceeds the placeholder`);
  signed.write(cms.toString('hex').toUpperCase(), contentsStart + 1, 'latin1');
  return signed;
}

function pdfDate(date: Date): string {
  return `${date.toISOString().replace(/[-:T]/g, '').slice(0, 14)}Z`;
}

/** Detached CMS SignedData (SHA-256) with contentType, messageDigest and signingTime signed attributes. */
export async function createDetachedCms(
  data: Buffer,
  signer: TestIdentity,
  signingTime: Date | null,
  includeChain = true,
): Promise<Buffer> {
  const attributes = [
    new pkijs.Attribute({ type: '1.2.840.113549.1.9.3', values: [new asn1js.ObjectIdentifier({ value: '1.2.840.113549.1.7.1' })] }),
    new pkijs.Attribute({
      type: '1.2.840.113549.1.9.4',
      values: [new asn1js.OctetString({ valueHex: createHash('sha256').update(data).digest() })],
    }),
  ];
  if (signingTime)
    attributes.push(new pkijs.Attribute({ type: '1.2.840.113549.1.9.5', values: [new asn1js.UTCTime({ valueDate: signingTime })] }));
  const signedData = new pkijs.SignedData({
    version: 1,
    encapContentInfo: new pkijs.EncapsulatedContentInfo({ eContentType: '1.2.840.113549.1.7.1' }),
    signerInfos: [
      new pkijs.SignerInfo({
        version: 1,
        sid: new pkijs.IssuerAndSerialNumber({ issuer: signer.certificate.issuer, serialNumber: signer.certificate.serialNumber }),
        signedAttrs: new pkijs.SignedAndUnsignedAttributes({ type: 0, attributes }),
      }),
    ],
    certificates: [signer.certificate, ...(includeChain ? signer.chain : [])],
  });
  await signedData.sign(signer.privateKey, 0, 'SHA-256', undefined, crypto);
  const contentInfo = new pkijs.ContentInfo({ contentType: '1.2.840.113549.1.7.2', content: signedData.toSchema(true) });
  return Buffer.from(contentInfo.toSchema().toBER());
}
