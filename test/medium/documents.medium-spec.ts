/**
 * Official documents of Decree 30 (issue 17) against real Postgres as the app role: the Chairman's decision projected
 * into a DRAFT decision, numbers from the issuer's register (1, 2, … per year, consecutive under concurrent issues,
 * the same number when issued again), who may issue and read, another province's 404, and the register as CSV.
 */
import { randomUUID } from 'node:crypto';
import type { AuthUser } from '../../apps/api/src/auth/auth-user';
import { DocumentsService } from '../../apps/api/src/documents/documents.service';
import { isoDateInVietnam } from '@accord/domain';
import { runInProvince } from '@accord/persistence';
import { demoEmail } from '../support/demo-users';
import { mediumDatabase, type MediumDatabase } from '../support/medium-db';
import { decideProposal } from '../support/medium-rows';
import { seededUser } from '../support/medium-users';

jest.setTimeout(60_000);

describe('official documents (medium: real Postgres, app role)', () => {
  let db: MediumDatabase;
  let service: DocumentsService;
  let submitter: AuthUser; // HT-SCT
  let chairman: AuthUser; // HT-UBND, LEADER
  let clerk: AuthUser; // HT-UBND, CLERK
  let auditor: AuthUser;
  let dnChairman: AuthUser;
  const year = Number(isoDateInVietnam(new Date()).slice(0, 4));

  /** A proposal of HT-SCT at DECISION whose DECISION task (HT-UBND) `by` (the chairman) completes with `decision`. */
  const decided = (decision: 'APPROVE' | 'REJECT' | 'RETURN_FOR_REVISION', comment?: string, by?: AuthUser) =>
    // Projected twice: a retried projection activity writes nothing more.
    decideProposal(db.dataSource, db.appDataSource, {
      agencyCode: 'HT-SCT',
      submittedBy: submitter.id,
      decidedBy: (by ?? chairman).id,
      decision,
      comment,
      again: true,
    });

  const draftOf = async (proposalId: string) => {
    const { items } = await service.forProposal(chairman, proposalId);
    expect(items).toHaveLength(1);
    return items[0]!;
  };

  beforeAll(async () => {
    db = await mediumDatabase();
    service = new DocumentsService(db.appDataSource);
    [submitter, chairman, clerk, auditor, dnChairman] = await Promise.all([
      seededUser(db.dataSource, demoEmail({ agency: 'HT-SCT', role: 'SUBMITTER' })),
      seededUser(db.dataSource, demoEmail({ agency: 'HT-UBND', role: 'LEADER' })),
      seededUser(db.dataSource, 'clerk@ubnd.hatinh.gov.vn'),
      seededUser(db.dataSource, demoEmail({ agency: null, role: 'AUDITOR' })),
      seededUser(db.dataSource, 'chairman@ubnd.dongnai.gov.vn'),
    ]);
  });
  afterAll(() => db.close());

  it("drafts the People's Committee's decision when the Chairman approves, once", async () => {
    const proposal = await decided('APPROVE', 'Đồng ý chủ trương');
    const title = (await db.dataSource.query('SELECT title FROM proposal WHERE id = $1', [proposal.id]))[0].title;
    const draft = await draftOf(proposal.id);
    expect(draft).toMatchObject({
      proposalId: proposal.id,
      reportCycleId: null,
      type: 'DECISION',
      issuer: { code: 'HT-UBND', name: 'Ủy ban nhân dân tỉnh Hà Tĩnh' },
      number: null,
      notation: 'QĐ-UBND',
      codeNumber: null,
      place: 'Hà Tĩnh',
      issuedOn: null,
      subject: `Về việc chấp thuận ${title}`,
      signer: { name: chairman.fullName, title: 'Chủ tịch', authority: 'TM. Ủy ban nhân dân' },
      recipients: ['Sở Công Thương', 'Sở Ngoại vụ'],
      status: 'DRAFT',
      sha256: null,
    });
    expect(draft.body).toContain('Đồng ý chủ trương');
    // The submitter sees it too (the proposal is theirs); a submitter of another agency does not.
    expect((await service.get(submitter, draft.id)).id).toBe(draft.id);
    const other = { ...submitter, id: randomUUID(), agencyCode: 'HT-SGDDT' };
    await expect(service.get(other, draft.id)).rejects.toMatchObject({ status: 404 });
    await expect(service.forProposal(other, proposal.id)).rejects.toMatchObject({ status: 404 });
  });

  it('signs a vice-chairman\'s decision "KT. Chủ tịch" above their own position', async () => {
    const vice = await seededUser(db.dataSource, 'vicechair@ubnd.hatinh.gov.vn');
    const draft = await draftOf((await decided('APPROVE', undefined, vice)).id);
    expect(draft.signer).toEqual({ name: vice.fullName, title: 'Phó Chủ tịch', authority: 'TM. Ủy ban nhân dân\nKT. Chủ tịch' });
  });

  it('gives a leader with no position recorded the generic title, so the decision still names one', async () => {
    const id = randomUUID();
    await db.dataSource.query(
      `INSERT INTO app_user (id, email, full_name, password_hash, agency_code, roles, province_code)
       VALUES ($1, $2, 'Lãnh đạo Không Chức Vụ', 'x', 'HT-UBND', '{LEADER}', 'HT')`,
      [id, `leader-${id.slice(0, 8)}@ubnd.hatinh.gov.vn`],
    );
    const draft = await draftOf((await decided('APPROVE', undefined, { ...chairman, id })).id);
    expect(draft.signer).toEqual({ name: 'Lãnh đạo Không Chức Vụ', title: 'Lãnh đạo Ủy ban nhân dân', authority: 'TM. Ủy ban nhân dân' });
  });

  it('drafts a refusal too, and nothing for a return for revision', async () => {
    const refused = await decided('REJECT');
    expect((await draftOf(refused.id)).subject).toMatch(/^Về việc không chấp thuận /);
    const returned = await decided('RETURN_FOR_REVISION');
    expect((await service.forProposal(chairman, returned.id)).items).toEqual([]);
  });

  it('numbers issued documents 1, 2, … in the register, consecutively when issued at once, the same number again', async () => {
    const [a, b, c, d] = await Promise.all([decided('APPROVE'), decided('APPROVE'), decided('APPROVE'), decided('APPROVE')]);
    const [da, db_, dc, dd] = await Promise.all([a, b, c, d].map((p) => draftOf(p!.id)));
    const before: number = (
      await db.dataSource.query(`SELECT COALESCE(MAX(number), 0)::int AS n FROM official_document WHERE year = $1`, [year])
    )[0].n;
    const first = await service.issue(clerk, da!.id);
    expect(first).toMatchObject({
      status: 'ISSUED',
      number: before + 1,
      codeNumber: `${before + 1}/QĐ-UBND`,
      issuedOn: isoDateInVietnam(new Date()),
    });
    expect((await service.issue(chairman, db_!.id)).number).toBe(before + 2);
    const both = await Promise.all([service.issue(clerk, dc!.id), service.issue(chairman, dd!.id)]);
    expect(both.map((x) => x.number).sort()).toEqual([before + 3, before + 4]);
    // Issuing again (even twice at once) answers the same number, audited once.
    const again = await Promise.all([service.issue(chairman, da!.id), service.issue(clerk, da!.id)]);
    expect(again.map((x) => x.codeNumber)).toEqual([first.codeNumber, first.codeNumber]);
    const audits = await db.dataSource.query(
      `SELECT payload FROM audit_event WHERE action = 'DOCUMENT_ISSUED' AND payload->>'documentId' = $1`,
      [da!.id],
    );
    expect(audits).toHaveLength(1);
    expect(audits[0].payload).toMatchObject({ number: before + 1, year, issuer: 'HT-UBND', codeNumber: first.codeNumber });
    expect(
      (await db.dataSource.query(`SELECT last_number FROM document_register WHERE agency_code = 'HT-UBND' AND year = $1`, [year]))[0],
    ).toEqual({
      last_number: before + 4,
    });
  });

  it('lets only a LEADER or CLERK of the issuer issue (403), and hides the document from another province (404)', async () => {
    const draft = await draftOf((await decided('APPROVE')).id);
    const sctClerk: AuthUser = { ...submitter, id: randomUUID(), roles: ['CLERK'] };
    await expect(service.issue(sctClerk, draft.id)).rejects.toMatchObject({ status: 403 });
    await expect(service.issue(submitter, draft.id)).rejects.toMatchObject({ status: 403 });
    await expect(service.issue(auditor, draft.id)).rejects.toMatchObject({ status: 403 });
    await expect(runInProvince('DN', () => service.get(dnChairman, draft.id))).rejects.toMatchObject({ status: 404 });
    await expect(runInProvince('DN', () => service.issue(dnChairman, draft.id))).rejects.toMatchObject({ status: 404 });
    await expect(runInProvince('DN', () => service.register(dnChairman, 'HT-UBND', year))).rejects.toMatchObject({ status: 403 });
    expect((await service.get(chairman, draft.id)).status).toBe('DRAFT');
  });

  it("shows the register to the agency's members and auditors, as JSON and CSV", async () => {
    const register = await service.register(clerk, 'HT-UBND', year);
    expect(register.agency).toEqual({ code: 'HT-UBND', name: 'Ủy ban nhân dân tỉnh Hà Tĩnh' });
    const numbers = register.items.map((e) => e.number);
    expect(numbers).toEqual(numbers.map((_, i) => i + 1)); // from 1, no gaps
    expect((await service.register(auditor, 'HT-UBND', year)).items).toHaveLength(register.items.length);
    await expect(service.register(submitter, 'HT-UBND', year)).rejects.toMatchObject({ status: 403 });
    await expect(service.register(auditor, 'HT-NOPE', year)).rejects.toMatchObject({ status: 404 });
    expect((await service.register(clerk, 'HT-UBND', year - 1)).items).toEqual([]);

    const csv = service.registerCsv(register.items).toString('utf8');
    expect(csv.startsWith('\uFEFFnumber,codeNumber,issuedOn,type,subject,signer,recipients,status,documentId\r\n')).toBe(true);
    const lines = csv.trim().split('\r\n');
    expect(lines).toHaveLength(register.items.length + 1);
    expect(lines[1]).toMatch(new RegExp(`^1,1/QĐ-UBND,${isoDateInVietnam(new Date())},DECISION,`));
  });
});
