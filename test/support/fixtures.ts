/** Valid proposal bodies, one per kind (api-contract.md "Proposal body"). */
export function mouBody(overrides: Record<string, unknown> = {}, details: Record<string, unknown> = {}) {
  return {
    kind: 'INTERNATIONAL_AGREEMENT',
    title: 'MoU on trade promotion with Savannakhet',
    summary: 'Thỏa thuận hợp tác xúc tiến thương mại với tỉnh Savannakhet',
    details: {
      action: 'SIGN', level: 'PROVINCIAL_COMMITTEE',
      counterpart: { name: 'Savannakhet Province', country: 'LA', type: 'FOREIGN_LOCAL_GOVERNMENT' },
      fields: ['TRADE'], proposedSigningDate: '2026-12-15', termMonths: 36, languages: ['vi', 'lo'],
      touchesDefence: true, touchesSecurity: true, touchesInvestment: false, borderArea: true,
      purpose: 'Promote trade', mainContent: 'Trade fairs, information exchange', legalConformity: 'Conforms to Law 70/2020',
      impactAssessment: 'Positive', feasibility: 'Feasible',
      ...details,
    },
    ...overrides,
  };
}
