import { createHash } from 'node:crypto';
import { buildTestPdf, createTestCa, issueTestCertificate, signPdf, type TestIdentity } from './test-signing';
import { verifySignedPdf, type SignedPdfVerdict } from './verify-signed-pdf';

const sha256 = (data: Buffer) => createHash('sha256').update(data).digest('hex');

function expectFailure(verdict: SignedPdfVerdict, reason: string): void {
  if (verdict.ok) throw new Error(`expected ${reason}, got ok`);
  expect(verdict.reason).toBe(reason);
  expect(verdict.detail).toEqual(expect.any(String));
}

/** Flips one byte (XOR 0x01) at `offset` in a copy. */
function flip(pdf: Buffer, offset: number): Buffer {
  const copy = Buffer.from(pdf);
  copy[offset] ^= 0x01;
  return copy;
}

describe('verifySignedPdf', () => {
  let root: TestIdentity;
  let signer: TestIdentity;
  let unsigned: Buffer;
  let signed: Buffer;

  beforeAll(async () => {
    root = await createTestCa({ commonName: 'Accord Test Root CA' });
    signer = await issueTestCertificate(root, { commonName: 'Nguyễn Văn A', organization: 'UBND tỉnh Hà Tĩnh' });
    unsigned = buildTestPdf(['QUYET DINH 15/QD-UBND', 'accord-document:doc-123']);
    signed = await signPdf(unsigned, signer);
  });

  it('accepts a validly signed PDF and trusts the chain to the configured root', async () => {
    const verdict = await verifySignedPdf(signed, { trustAnchorsPem: [root.certificatePem] });
    if (!verdict.ok) throw new Error(`${verdict.reason}: ${verdict.detail}`);
    expect(verdict.signer.subject).toBe('C=VN, O=UBND tỉnh Hà Tĩnh, CN=Nguyễn Văn A');
    expect(verdict.signer.commonName).toBe('Nguyễn Văn A');
    expect(verdict.signer.issuer).toBe('C=VN, O=Accord Test, CN=Accord Test Root CA');
    expect(verdict.signer.serial).toMatch(/^[0-9A-F]+$/);
    expect(verdict.chainTrusted).toBe(true);
    expect(verdict.chainProblem).toBeUndefined();
    expect(verdict.signedAt).toEqual(expect.any(String));
    expect(Math.abs(Date.parse(verdict.signedAt ?? '') - Date.now())).toBeLessThan(60_000);
    expect(verdict.sha256).toBe(sha256(signed));
    expect(verdict.byteRange[0]).toBe(0);
    expect(verdict.byteRange[2] + verdict.byteRange[3]).toBe(signed.length);
    expect(verdict.subFilter).toBe('adbe.pkcs7.detached');
    expect(verdict.signatureCount).toBe(1);
  });

  it('accepts it without anchors but records the chain as not verified', async () => {
    const verdict = await verifySignedPdf(signed, {});
    expect(verdict).toMatchObject({ ok: true, chainTrusted: false, chainProblem: 'no trust anchors configured' });
  });

  it('verifies ECDSA signers and ETSI.CAdES.detached', async () => {
    const ecSigner = await issueTestCertificate(root, { commonName: 'EC Signer', keyType: 'ec' });
    const pdf = await signPdf(unsigned, ecSigner, { subFilter: 'ETSI.CAdES.detached' });
    const verdict = await verifySignedPdf(pdf, { trustAnchorsPem: [root.certificatePem] });
    expect(verdict).toMatchObject({ ok: true, chainTrusted: true, subFilter: 'ETSI.CAdES.detached' });
  });

  it('reports signedAt null when the CMS has no signingTime', async () => {
    const pdf = await signPdf(unsigned, signer, { signingTime: null });
    expect(await verifySignedPdf(pdf, {})).toMatchObject({ ok: true, signedAt: null });
  });

  it('verifies the last of two signatures', async () => {
    const second = await issueTestCertificate(root, { commonName: 'Second Signer' });
    const twice = await signPdf(signed, second);
    const verdict = await verifySignedPdf(twice, { expected: { sha256OfUnsigned: sha256(signed) } });
    expect(verdict).toMatchObject({ ok: true, signatureCount: 2, signer: { commonName: 'Second Signer' } });
  });

  it('rejects an unsigned PDF', async () => {
    expectFailure(await verifySignedPdf(unsigned, {}), 'NO_SIGNATURE');
  });

  it('rejects what is not a PDF', async () => {
    expectFailure(await verifySignedPdf(Buffer.from('PK\x03\x04 not a pdf'), {}), 'NOT_A_PDF');
  });

  it('detects one byte changed in the signed content', async () => {
    const offset = signed.indexOf('15/QD-UBND', 0, 'latin1');
    expectFailure(await verifySignedPdf(flip(signed, offset), {}), 'DIGEST_MISMATCH');
  });

  it('detects one byte changed in the signature value inside the CMS', async () => {
    // The SignerInfo's signature is the last field of the CMS: flip a hex digit a few bytes before the zero padding.
    const contentsEnd = signed.indexOf('>', signed.indexOf('/Contents <', 0, 'latin1'), 'latin1');
    const cmsHexEnd = signed.subarray(0, contentsEnd).toString('latin1').replace(/0+$/, '').length;
    const tampered = Buffer.from(signed);
    tampered[cmsHexEnd - 10] = tampered[cmsHexEnd - 10] === 0x41 ? 0x42 : 0x41;
    expectFailure(await verifySignedPdf(tampered, {}), 'SIGNATURE_INVALID');
  });

  it('detects a broken CMS structure', async () => {
    const contentsStart = signed.indexOf('/Contents <', 0, 'latin1') + '/Contents <'.length;
    const tampered = Buffer.from(signed);
    tampered.write('31', contentsStart, 'latin1'); // SEQUENCE (30) -> SET (31)
    expectFailure(await verifySignedPdf(tampered, {}), 'CMS_INVALID');
  });

  it('rejects non-zero bytes after the CMS in the /Contents placeholder', async () => {
    const contentsEnd = signed.indexOf('>', signed.indexOf('/Contents <', 0, 'latin1'), 'latin1');
    const tampered = Buffer.from(signed);
    tampered.write('FF', contentsEnd - 2, 'latin1');
    expectFailure(await verifySignedPdf(tampered, {}), 'CMS_INVALID');
  });

  it('rejects an unsupported SubFilter', async () => {
    const text = signed.toString('latin1').replace('/SubFilter /adbe.pkcs7.detached', '/SubFilter /adbe.pkcs7.sha1xxxx');
    expectFailure(await verifySignedPdf(Buffer.from(text, 'latin1'), {}), 'UNSUPPORTED_SIGNATURE');
  });

  it('rejects bytes appended after signing (ByteRange no longer covers the file)', async () => {
    const appended = Buffer.concat([signed, Buffer.from('1 0 obj\n<< /Type /Catalog >>\nendobj\n', 'latin1')]);
    expectFailure(await verifySignedPdf(appended, {}), 'BYTE_RANGE_INVALID');
  });

  it('rejects a ByteRange whose gap is not the /Contents string', async () => {
    const text = signed.toString('latin1');
    const match = /\/ByteRange \[0 (\d+) (\d+) (\d+)\s*\]/.exec(text);
    if (!match) throw new Error('no ByteRange');
    const [b, c, d] = [Number(match[1]) - 5, Number(match[2]), Number(match[3])];
    const forged = Buffer.from(signed);
    forged.write(`/ByteRange [0 ${b} ${c} ${d}]`.padEnd(match[0].length, ' '), match.index, 'latin1');
    expectFailure(await verifySignedPdf(forged, {}), 'BYTE_RANGE_INVALID');
  });

  it('does not trust a signer from another CA when anchors are given', async () => {
    const otherCa = await createTestCa({ commonName: 'Other CA' });
    const foreign = await issueTestCertificate(otherCa, { commonName: 'Foreign Signer' });
    const verdict = await verifySignedPdf(await signPdf(unsigned, foreign), { trustAnchorsPem: [root.certificatePem] });
    if (!verdict.ok) throw new Error(`${verdict.reason}: ${verdict.detail}`);
    expect(verdict.chainTrusted).toBe(false);
    expect(verdict.chainProblem).toEqual(expect.any(String));
    expect(verdict.chainProblem).not.toBe('no trust anchors configured');
  });

  it('rejects a certificate that had expired at signing time', async () => {
    const expired = await issueTestCertificate(root, {
      commonName: 'Expired Signer',
      notBefore: new Date('2020-01-01T00:00:00Z'),
      notAfter: new Date('2021-01-01T00:00:00Z'),
    });
    expectFailure(await verifySignedPdf(await signPdf(unsigned, expired), {}), 'CERT_NOT_VALID_AT_SIGNING');
  });

  it('rejects a signing time in the future', async () => {
    const pdf = await signPdf(unsigned, signer, { signingTime: new Date(Date.now() + 3600_000) });
    expectFailure(await verifySignedPdf(pdf, {}), 'SIGNING_TIME_IN_FUTURE');
  });

  describe('expected document', () => {
    it('accepts the signed rendering of our unsigned PDF by its sha256', async () => {
      const verdict = await verifySignedPdf(signed, { expected: { sha256OfUnsigned: sha256(unsigned) } });
      expect(verdict.ok).toBe(true);
    });

    it('rejects a signed PDF of another document', async () => {
      const other = sha256(buildTestPdf(['QUYET DINH 16/QD-UBND']));
      expectFailure(await verifySignedPdf(signed, { expected: { sha256OfUnsigned: other } }), 'NOT_THIS_DOCUMENT');
    });

    it('accepts by text markers, and rejects when one is missing', async () => {
      expect(await verifySignedPdf(signed, { expected: { text: ['accord-document:doc-123', '15/QD-UBND'] } })).toMatchObject({ ok: true });
      expectFailure(await verifySignedPdf(signed, { expected: { text: ['accord-document:doc-999'] } }), 'NOT_THIS_DOCUMENT');
    });

    it('finds text markers in compressed content streams', async () => {
      const compressed = await signPdf(buildTestPdf(['accord-document:doc-456'], { compress: true }), signer);
      expect(compressed.includes('accord-document:doc-456')).toBe(false);
      expect(await verifySignedPdf(compressed, { expected: { text: ['accord-document:doc-456'] } })).toMatchObject({ ok: true });
    });

    it('ignores text that only the signer added after our revision', async () => {
      // The marker is in the signer's update (its /Reason), not in the revision we rendered.
      expectFailure(await verifySignedPdf(signed, { expected: { text: ['Test signature'] } }), 'NOT_THIS_DOCUMENT');
    });
  });
});
