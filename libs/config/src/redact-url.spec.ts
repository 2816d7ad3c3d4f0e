import { redactUrl } from './redact-url';

describe('redactUrl (COMMITMENTS_SYNC_URL as shown to ADMIN and AUDITOR)', () => {
  it('hides user name, password and query values', () => {
    expect(redactUrl('https://accord:s3cr3t@cam-ket.gov.vn/api/commitments?token=abc&x=1')).toBe(
      'https://***:***@cam-ket.gov.vn/api/commitments?token=***&x=***',
    );
    expect(redactUrl('https://s3cr3t@cam-ket.gov.vn/api')).toBe('https://***@cam-ket.gov.vn/api');
    expect(redactUrl('https://cam-ket.gov.vn/api#key=abc')).toBe('https://cam-ket.gov.vn/api');
  });

  it('keeps a URL without credentials as it is', () => {
    expect(redactUrl('http://127.0.0.1:8080/commitments')).toBe('http://127.0.0.1:8080/commitments');
  });

  it('never echoes what it cannot parse', () => {
    expect(redactUrl('not a url s3cr3t')).toBe('***');
  });
});
