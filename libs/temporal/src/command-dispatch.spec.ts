import { defineSearchAttributeKey, SearchAttributeType } from '@temporalio/common';
import { startSearchAttributes } from './command-dispatch';

const keyword = (name: string) => defineSearchAttributeKey(name, SearchAttributeType.KEYWORD);

describe('startSearchAttributes', () => {
  it("adds Province, the workflow id's province, to the keywords of a start", () => {
    const attributes = startSearchAttributes('DN:proposal-1', { SubmittingAgency: 'DN-SNGV', ProposalKind: 'MECHANISM_PARTICIPATION' });
    expect(attributes.get(keyword('Province'))).toBe('DN');
    expect(attributes.get(keyword('SubmittingAgency'))).toBe('DN-SNGV');
    expect(attributes.get(keyword('ProposalKind'))).toBe('MECHANISM_PARTICIPATION');
  });

  it('gives a legacy id (a command stored before provinces) Hà Tĩnh, and the id wins over a stored Province', () => {
    expect(startSearchAttributes('proposal-1').get(keyword('Province'))).toBe('HT');
    expect(startSearchAttributes('DN:plan-1', { Province: 'HT' }).get(keyword('Province'))).toBe('DN');
  });
});
