import { emptyValues, type FormValues } from './proposal-schema';
import { parseLanguages, serverIssues, toBody, validateValues, valuesFromDossier } from './validation';

function mou(overrides: FormValues = {}): FormValues {
  return {
    ...emptyValues('INTERNATIONAL_AGREEMENT'),
    title: 'MoU on trade promotion with Savannakhet',
    summary: 'Thỏa thuận hợp tác xúc tiến thương mại',
    'details.level': 'PROVINCIAL_COMMITTEE',
    'details.counterpart.name': 'Savannakhet Province',
    'details.counterpart.country': 'LA',
    'details.counterpart.type': 'FOREIGN_LOCAL_GOVERNMENT',
    'details.fields': ['TRADE'],
    'details.proposedSigningDate': '15/12/2026',
    'details.termMonths': '36',
    'details.languages': 'vi, lo',
    'details.touchesDefence': true,
    'details.purpose': 'Promote trade',
    'details.mainContent': 'Trade fairs',
    'details.legalConformity': 'Conforms to Law 70/2020',
    'details.impactAssessment': 'Positive',
    'details.feasibility': 'Feasible',
    ...overrides,
  };
}

const fields = (values: FormValues, kind: Parameters<typeof validateValues>[0] = 'INTERNATIONAL_AGREEMENT') =>
  validateValues(kind, values).map((i) => `${i.field}:${i.key}`);

describe('proposal form validation (mirrors the api DTOs)', () => {
  it('accepts a complete MoU and builds the api body', () => {
    expect(fields(mou())).toEqual([]);
    const body = toBody('INTERNATIONAL_AGREEMENT', mou());
    expect(body).toEqual({
      kind: 'INTERNATIONAL_AGREEMENT',
      title: 'MoU on trade promotion with Savannakhet',
      summary: 'Thỏa thuận hợp tác xúc tiến thương mại',
      procedure: 'STANDARD',
      urgency: 'NORMAL',
      details: {
        action: 'SIGN',
        level: 'PROVINCIAL_COMMITTEE',
        fields: ['TRADE'],
        proposedSigningDate: '2026-12-15',
        termMonths: 36,
        languages: ['vi', 'lo'],
        counterpart: { name: 'Savannakhet Province', country: 'LA', type: 'FOREIGN_LOCAL_GOVERNMENT' },
        touchesDefence: true,
        touchesSecurity: false,
        touchesInvestment: false,
        borderArea: false,
        purpose: 'Promote trade',
        mainContent: 'Trade fairs',
        legalConformity: 'Conforms to Law 70/2020',
        impactAssessment: 'Positive',
        feasibility: 'Feasible',
      },
    });
  });

  it('names each bad field by the server path', () => {
    expect(
      fields(
        mou({
          title: ' ',
          'details.fields': [],
          'details.termMonths': '601',
          'details.counterpart.country': 'XX',
          'details.proposedSigningDate': '31/02/2026',
          'details.languages': 'vie',
        }),
      ),
    ).toEqual([
      'title:validation.required',
      'details.fields:validation.chooseAtLeastOne',
      'details.proposedSigningDate:validation.date',
      'details.termMonths:validation.integerRange',
      'details.languages:validation.languages',
      'details.counterpart.country:validation.country',
    ]);
    expect(fields(mou({ title: 'x'.repeat(501) }))).toEqual(['title:validation.maxLength']);
  });

  it('asks for a shortenedReason of at least 20 characters with SHORTENED only, and a Vietnamese text (docs/api.md "Routing corrections")', () => {
    expect(fields(mou({ procedure: 'SHORTENED' }))).toEqual(['shortenedReason:validation.required']);
    expect(fields(mou({ procedure: 'SHORTENED', shortenedReason: 'too short' }))).toEqual(['shortenedReason:validation.minLength']);
    const reason = 'Đối tác đề nghị ký trong chuyến thăm tới';
    expect(fields(mou({ procedure: 'SHORTENED', shortenedReason: reason }))).toEqual([]);
    expect(toBody('INTERNATIONAL_AGREEMENT', mou({ procedure: 'SHORTENED', shortenedReason: reason }))).toMatchObject({
      procedure: 'SHORTENED',
      shortenedReason: reason,
    });
    expect(toBody('INTERNATIONAL_AGREEMENT', mou({ shortenedReason: reason }))).not.toHaveProperty('shortenedReason');
    expect(fields(mou({ 'details.languages': 'en, lo' }))).toEqual(['details.languages:validation.languagesVi']);
  });

  it('requires the related agreement for AMEND, EXTEND and TERMINATE only', () => {
    expect(fields(mou({ 'details.action': 'EXTEND' }))).toEqual(['details.relatedAgreementId:validation.relatedAgreement']);
    const id = '5b0c7a9e-2f4d-4c59-9a5e-0d4a8f1f2c3b';
    expect(fields(mou({ 'details.action': 'EXTEND', 'details.relatedAgreementId': id }))).toEqual([]);
    expect(toBody('INTERNATIONAL_AGREEMENT', mou({ 'details.relatedAgreementId': id })).details).not.toHaveProperty('relatedAgreementId');
  });

  it('validates the mechanism and overseas office forms', () => {
    const mechanism = {
      ...emptyValues('MECHANISM_PARTICIPATION'),
      title: 'Join the network',
      summary: 's',
      'details.mechanismName': 'UCLG ASPAC',
      'details.mechanismType': 'NETWORK',
      'details.host': 'UCLG',
      'details.participationLevel': 'PROVINCIAL_COMMITTEE',
      'details.annualFeeVnd': '25.000.000',
      'details.termMonths': '24',
      'details.obligations': 'Annual fee',
      'details.justification': 'Exchange',
    };
    expect(fields(mechanism, 'MECHANISM_PARTICIPATION')).toEqual([]);
    expect(toBody('MECHANISM_PARTICIPATION', mechanism).details.annualFeeVnd).toBe(25_000_000);
    expect(fields({ ...mechanism, 'details.annualFeeVnd': '-1' }, 'MECHANISM_PARTICIPATION')).toEqual([
      'details.annualFeeVnd:validation.amount',
    ]);
    const office = {
      ...emptyValues('OVERSEAS_OFFICE'),
      title: 'Office in Osaka',
      summary: 's',
      'details.hostCountry': 'jp',
      'details.city': 'Osaka',
      'details.functions': ['TRADE_PROMOTION'],
      'details.staffing': '0',
      'details.annualBudgetVnd': '1.000.000.000',
      'details.pilotTermMonths': '61',
      'details.hostArrangement': 'MoU',
      'details.justification': 'j',
    };
    expect(fields(office, 'OVERSEAS_OFFICE')).toEqual([
      'details.staffing:validation.integerRange',
      'details.pilotTermMonths:validation.integerRange',
    ]);
    expect(toBody('OVERSEAS_OFFICE', { ...office, 'details.staffing': '3', 'details.pilotTermMonths': '24' }).details).toMatchObject({
      hostCountry: 'JP',
      staffing: 3,
    });
  });

  it('round-trips a saved dossier into the form', () => {
    const body = toBody('INTERNATIONAL_AGREEMENT', mou());
    const again = valuesFromDossier('INTERNATIONAL_AGREEMENT', body, { procedure: 'STANDARD', urgency: 'NORMAL' });
    expect(toBody('INTERNATIONAL_AGREEMENT', again)).toEqual(body);
  });

  it('reads languages and server field errors', () => {
    expect(parseLanguages('VI; lo  en')).toEqual(['vi', 'lo', 'en']);
    expect(serverIssues([{ field: 'changes.details.purpose', message: 'purpose should not be empty' }], 'changes.')).toEqual([
      { field: 'details.purpose', message: 'purpose should not be empty' },
    ]);
  });
});
