/**
 * Workflow and schedule ids carry their province (issue 15): the worker runs each activity in the province its
 * workflow id names, so these few pure functions decide which province's rows an activity sees.
 */
import {
  agreementWorkflowId,
  commitmentsSyncScheduleId,
  commitmentsSyncWorkflowId,
  inProvinceOf,
  LEGACY_PROVINCE,
  manualReportCycleWorkflowId,
  planWorkflowId,
  proposalWorkflowId,
  provinceOfWorkflowId,
  provincePrefixOf,
  reportCycleScheduleId,
  withProvince,
} from './contracts';

const UUID = '0b6c2f7e-1a2b-4c3d-8e9f-001122334455';

describe('province in workflow ids', () => {
  it('prefixes an id with its province', () => {
    expect(withProvince('DN', `proposal-${UUID}`)).toBe(`DN:proposal-${UUID}`);
    expect(withProvince('ABCDEFGH', 'x')).toBe('ABCDEFGH:x');
  });

  it('refuses what is no province code, and an id that names a province already', () => {
    for (const bad of ['', 'H', 'ht', 'H1', 'ABCDEFGHI', 'PLATFORM', 'D N', 'DN:'])
      expect(() => withProvince(bad, 'proposal-1')).toThrow(/not a province code/);
    expect(() => withProvince('DN', 'HT:proposal-1')).toThrow(/already names its province/);
  });

  it('reads the province back from an id; an id without a prefix is a legacy Hà Tĩnh one', () => {
    expect(provinceOfWorkflowId(`DN:proposal-${UUID}`)).toBe('DN');
    expect(provinceOfWorkflowId(`HT:plan-${UUID}`)).toBe('HT');
    expect(provinceOfWorkflowId(`proposal-${UUID}`)).toBe(LEGACY_PROVINCE);
    expect(LEGACY_PROVINCE).toBe('HT');
    // A scheduled run: the server appends the start time (colons included) to the schedule's workflow id.
    expect(provinceOfWorkflowId('DN:report-cycle-ANNUAL-2026-10-20T01:00:00Z')).toBe('DN');
    expect(provinceOfWorkflowId('report-cycle-ANNUAL-2026-10-20T01:00:00Z')).toBe('HT');
    // Only a leading code of capitals counts as a prefix.
    for (const legacy of ['commitments-sync', 'dn:proposal-1', 'D:proposal-1', 'ABCDEFGHI:x', ':x'])
      expect([provinceOfWorkflowId(legacy), provincePrefixOf(legacy)]).toEqual(['HT', null]);
  });

  it('round-trips every id builder', () => {
    for (const province of ['HT', 'DN']) {
      const ids = [
        proposalWorkflowId(province, UUID),
        planWorkflowId(province, UUID),
        agreementWorkflowId(province, UUID),
        manualReportCycleWorkflowId(province, 'MOFA_ANNUAL', 2026, UUID),
        reportCycleScheduleId(province, 'SEMI_ANNUAL'),
        commitmentsSyncScheduleId(province),
        commitmentsSyncWorkflowId(province),
      ];
      for (const id of ids) expect(provinceOfWorkflowId(id)).toBe(province);
    }
    expect(proposalWorkflowId('DN', UUID)).toBe(`DN:proposal-${UUID}`);
    expect(planWorkflowId('DN', UUID)).toBe(`DN:plan-${UUID}`);
    expect(agreementWorkflowId('DN', UUID)).toBe(`DN:agreement-${UUID}`);
    expect(reportCycleScheduleId('DN', 'ANNUAL')).toBe('DN:report-cycle-ANNUAL');
    expect(commitmentsSyncScheduleId('DN')).toBe('DN:commitments-sync');
  });

  it('keeps ids within the 64 characters the database keeps (proposal, plan and audit workflow_id columns)', () => {
    const longest = 'ABCDEFGH';
    expect(proposalWorkflowId(longest, UUID).length).toBeLessThanOrEqual(64);
    expect(planWorkflowId(longest, UUID).length).toBeLessThanOrEqual(64);
    expect(agreementWorkflowId(longest, UUID).length).toBeLessThanOrEqual(64);
    expect(manualReportCycleWorkflowId(longest, 'MOFA_ANNUAL', 2026, UUID).length).toBeLessThanOrEqual(64);
    // A scheduled run's id is the schedule's workflow id plus `-<RFC 3339 start time>`.
    expect(`${reportCycleScheduleId(longest, 'MOFA_ANNUAL')}-2026-11-15T01:00:00Z`.length).toBeLessThanOrEqual(64);
  });

  it('gives a child the prefix of its parent, and none to the child of a legacy parent (its history recorded none)', () => {
    expect(inProvinceOf(`DN:proposal-${UUID}`, `agreement-${UUID}`)).toBe(`DN:agreement-${UUID}`);
    expect(inProvinceOf(`HT:proposal-${UUID}`, `agreement-${UUID}`)).toBe(`HT:agreement-${UUID}`);
    expect(inProvinceOf(`proposal-${UUID}`, `agreement-${UUID}`)).toBe(`agreement-${UUID}`);
  });
});
