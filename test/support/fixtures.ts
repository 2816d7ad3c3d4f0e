/** Valid proposal bodies, one per kind (docs/api.md "Proposal body"). */
export function mouBody(overrides: Record<string, unknown> = {}, details: Record<string, unknown> = {}) {
  return {
    kind: 'INTERNATIONAL_AGREEMENT',
    title: 'MoU on trade promotion with Savannakhet',
    summary: 'Thỏa thuận hợp tác xúc tiến thương mại với tỉnh Savannakhet',
    details: {
      action: 'SIGN',
      level: 'PROVINCIAL_COMMITTEE',
      counterpart: { name: 'Savannakhet Province', country: 'LA', type: 'FOREIGN_LOCAL_GOVERNMENT' },
      fields: ['TRADE'],
      proposedSigningDate: '2026-12-15',
      termMonths: 36,
      languages: ['vi', 'lo'],
      touchesDefence: true,
      touchesSecurity: true,
      touchesInvestment: false,
      borderArea: true,
      purpose: 'Promote trade',
      mainContent: 'Trade fairs, information exchange',
      legalConformity: 'Conforms to Law 70/2020',
      impactAssessment: 'Positive',
      feasibility: 'Feasible',
      ...details,
    },
    ...overrides,
  };
}

/** A MECHANISM_PARTICIPATION body (Res. 250 Art 15). */
export const mechanismBody = (mechanismName: string, overrides: Record<string, unknown> = {}) => ({
  kind: 'MECHANISM_PARTICIPATION',
  title: `Join ${mechanismName}`,
  summary: 'Tham gia mạng lưới hợp tác các địa phương',
  details: {
    mechanismName,
    mechanismType: 'NETWORK',
    host: 'UCLG Asia-Pacific',
    participationLevel: 'PROVINCIAL_COMMITTEE',
    annualFeeVnd: 50_000_000,
    obligations: 'Annual report, yearly meeting',
    termMonths: 24,
    justification: 'Trade and investment promotion',
  },
  ...overrides,
});

/** An OVERSEAS_OFFICE body (Res. 250 Art 14). */
export const officeBody = () => ({
  kind: 'OVERSEAS_OFFICE',
  title: 'Văn phòng đại diện tại Osaka',
  summary: 'Thí điểm văn phòng đại diện của UBND tỉnh tại Nhật Bản',
  details: {
    hostCountry: 'JP',
    city: 'Osaka',
    functions: ['TRADE_PROMOTION', 'INVESTMENT_PROMOTION'],
    staffing: 3,
    annualBudgetVnd: 4_000_000_000,
    pilotTermMonths: 36,
    hostArrangement: 'Hosted by the Osaka chamber of commerce',
    justification: 'Largest investor market of the province',
  },
});
