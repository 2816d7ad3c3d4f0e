import { groupsOf, mapClaims, type GroupMapping } from './oidc-claims';

const NAMES = { agencyClaim: 'agency', rolesClaim: 'groups' };

describe('OIDC claims to an Accord account', () => {
  it('maps a group spelled like a role to that role, and takes the agency from the agency claim', () => {
    const a = mapClaims(
      { sub: 's1', email: 'An@Sct.Gov.VN', name: 'Nguyễn Văn An', agency: 'HT-SCT', groups: ['SUBMITTER', 'staff'] },
      NAMES,
      [],
    );
    expect(a).toEqual({ subject: 's1', email: 'an@sct.gov.vn', fullName: 'Nguyễn Văn An', agencyCode: 'HT-SCT', roles: ['SUBMITTER'] });
  });

  it('lets the mapping table override the default: a mapped group gives its role and agency, a remapped role name does not give itself', () => {
    const mappings: GroupMapping[] = [
      { group: 'chuyen-vien', role: 'REVIEWER', agencyCode: 'HT-STP' },
      { group: 'ADMIN', role: 'AUDITOR', agencyCode: null },
    ];
    const a = mapClaims({ sub: 's2', groups: ['/chuyen-vien', 'ADMIN'] }, NAMES, mappings);
    expect(a.roles).toEqual(['REVIEWER', 'AUDITOR']);
    expect(a.agencyCode).toBe('HT-STP');
  });

  it('reads the configured claim names and ignores unknown roles and junk', () => {
    const a = mapClaims({ sub: 's3', org: 'HT-SNGV', roles: 'LEADER', groups: ['ADMIN'] }, { agencyClaim: 'org', rolesClaim: 'roles' }, []);
    expect(a).toMatchObject({ agencyCode: 'HT-SNGV', roles: ['LEADER'], email: null, fullName: 's3' });
    expect(groupsOf([1, null, ' ', 'SUPERUSER', 'SUPERUSER'])).toEqual(['SUPERUSER']);
    expect(mapClaims({ sub: 's4', groups: ['SUPERUSER', 'root'] }, NAMES, []).roles).toEqual([]);
  });
});
