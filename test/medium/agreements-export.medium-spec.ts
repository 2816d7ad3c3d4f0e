import { AgreementsExportService } from '../../apps/api/src/agreements/agreements-export.service';
import { insertAgreement, insertProposal } from '../support/medium-rows';
import { mediumDatabase, type MediumDatabase } from '../support/medium-db';
import { demoEmail, seededUser } from '../support/medium-users';

const SCT = demoEmail((u) => u.agency === 'HT-SCT');

describe('AgreementsExportService (medium: real Postgres, app role)', () => {
  let db: MediumDatabase;
  let service: AgreementsExportService;

  beforeAll(async () => {
    db = await mediumDatabase();
    service = new AgreementsExportService(db.appDataSource);
  });
  afterAll(() => db.close());

  it('exports every agreement, oldest signing first, with the Vietnamese party by signing level and the Hanoi signing day', async () => {
    const sct = await seededUser(db.dataSource, SCT);
    const byCommittee = await insertProposal(db.dataSource, {
      agencyCode: 'HT-SCT',
      submittedBy: sct.id,
      details: { level: 'PROVINCIAL_COMMITTEE' },
    });
    const byDepartment = await insertProposal(db.dataSource, {
      agencyCode: 'HT-SCT',
      submittedBy: sct.id,
      details: { level: 'DEPARTMENT' },
    });
    // 20:00 UTC is 03:00 the next day in Hanoi: the national database gets the day it was signed there.
    const late = await insertAgreement(db.dataSource, {
      proposalId: byDepartment.id,
      leadAgencyCode: 'HT-SCT',
      title: 'Biên bản ghi nhớ thương mại',
      signedAt: '2030-03-01T20:00:00Z',
      number: '01/2030',
    });
    const early = await insertAgreement(db.dataSource, {
      proposalId: byCommittee.id,
      leadAgencyCode: 'HT-SCT',
      title: 'Thỏa thuận hợp tác',
      signedAt: '2030-01-10T02:00:00Z',
    });

    const items = await service.items('HT');
    expect(items.map((i) => i.id)).toEqual([early, late]);
    expect(items[0]).toMatchObject({
      parties: { vietnamese: { code: 'HT-UBND' }, counterpart: { name: 'Tỉnh Khăm Muộn', country: 'LA', type: 'PROVINCE' } },
      countryName: 'Lào',
      leadAgency: { code: 'HT-SCT', name: 'Sở Công Thương' },
      proposalReference: byCommittee.reference,
      signedOn: '2030-01-10',
      termMonths: 24,
      status: 'IN_FORCE',
    });
    expect(items[1]).toMatchObject({
      number: '01/2030',
      parties: { vietnamese: { code: 'HT-SCT' } },
      signedOn: '2030-03-02',
      signedAt: '2030-03-01T20:00:00.000Z',
    });
  });

  it('writes CSV with a byte order mark and cells that cannot become formulas', async () => {
    const sct = await seededUser(db.dataSource, SCT);
    const proposal = await insertProposal(db.dataSource, { agencyCode: 'HT-SCT', submittedBy: sct.id });
    await insertAgreement(db.dataSource, {
      proposalId: proposal.id,
      leadAgencyCode: 'HT-SCT',
      title: '=HYPERLINK("http://x")',
      signedAt: '2030-06-01T02:00:00Z',
    });
    const csv = service.csv(await service.items('HT'));
    expect(csv.subarray(0, 3)).toEqual(Buffer.from([0xef, 0xbb, 0xbf]));
    const text = csv.toString('utf8');
    expect(text.split('\r\n')[0]).toBe(
      '\uFEFFnumber,title,vietnameseParty,counterpart,counterpartType,country,countryName,fields,signedOn,place,signatories,termMonths,expiresOn,status,leadAgencyCode,leadAgencyName,proposalReference',
    );
    const row = text.split('\r\n').find((line) => line.includes(proposal.reference))!;
    // The country by name beside its code, the lead agency by name beside its code.
    expect(row).toContain(',LA,Lào,');
    expect(row).toContain(',HT-SCT,Sở Công Thương,');
    // The title cell (second column) starts with a quote mark, so a spreadsheet shows it as text; CSV quoting doubles the inner quotes.
    expect(row.split(',')[1]).toBe(`"'=HYPERLINK(""http://x"")"`);
  });
});
