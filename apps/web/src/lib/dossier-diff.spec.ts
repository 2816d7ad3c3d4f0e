import { diffDossiers } from './dossier-diff';
import type { DossierVersion } from './types';

function version(n: number, content: Partial<DossierVersion['content']>, attachments: DossierVersion['attachments'] = []): DossierVersion {
  return {
    version: n,
    hash: `h${n}`,
    content: { title: 'MoU với Savannakhet', summary: 'Tóm tắt', details: {}, ...content },
    attachments,
    createdAt: '2026-11-23T03:00:00Z',
    createdBy: { id: 'u', fullName: 'Nguyễn Văn A' },
  };
}

const base = {
  action: 'SIGN',
  level: 'PROVINCIAL_COMMITTEE',
  fields: ['TRADE'],
  termMonths: 36,
  counterpart: { name: 'Savannakhet Province', country: 'LA', type: 'FOREIGN_LOCAL_GOVERNMENT' },
  purpose: 'Thúc đẩy thương mại biên giới.',
};

describe('diffDossiers', () => {
  it('finds nothing between identical versions, whatever the key order', () => {
    const a = version(1, { details: base });
    const b = version(2, {
      details: {
        purpose: base.purpose,
        counterpart: { type: 'FOREIGN_LOCAL_GOVERNMENT', country: 'LA', name: 'Savannakhet Province' },
        termMonths: 36,
        fields: ['TRADE'],
        level: 'PROVINCIAL_COMMITTEE',
        action: 'SIGN',
      },
    });
    expect(diffDossiers('INTERNATIONAL_AGREEMENT', a, b)).toEqual({ fields: [], attachmentsAdded: [], attachmentsRemoved: [] });
  });

  it('lists changed fields in the order of the form, nested ones by their full path', () => {
    const a = version(1, { details: base });
    const b = version(2, {
      title: 'MoU sửa đổi',
      details: { ...base, termMonths: 60, counterpart: { ...base.counterpart, name: 'Tỉnh Savannakhet' } },
    });
    const diff = diffDossiers('INTERNATIONAL_AGREEMENT', a, b);
    expect(diff.fields.map((f) => [f.path, f.change, f.before, f.after])).toEqual([
      ['title', 'CHANGED', 'MoU với Savannakhet', 'MoU sửa đổi'],
      ['details.termMonths', 'CHANGED', 36, 60],
      ['details.counterpart.name', 'CHANGED', 'Savannakhet Province', 'Tỉnh Savannakhet'],
    ]);
    // Numbers are compared as values, not word by word.
    expect(diff.fields[1]!.words).toBeUndefined();
  });

  it('marks the words added and removed inside a text, Vietnamese words kept whole', () => {
    const a = version(1, { details: base });
    const b = version(2, { details: { ...base, purpose: 'Thúc đẩy thương mại và đầu tư biên giới.' } });
    const [purpose] = diffDossiers('INTERNATIONAL_AGREEMENT', a, b).fields;
    expect(purpose!.path).toBe('details.purpose');
    expect(purpose!.words!.filter((w) => w.op === 'ADDED').map((w) => w.text.trim())).toEqual(['và đầu tư']);
    expect(purpose!.words!.filter((w) => w.op === 'REMOVED')).toEqual([]);
    expect(purpose!.words!.map((w) => w.text).join('')).toBe('Thúc đẩy thương mại và đầu tư biên giới.');
  });

  it('tells added and removed values from changed ones, and treats an empty list as absent', () => {
    const a = version(1, { details: { ...base, principles: 'Bình đẳng', languages: [] } });
    const b = version(2, { details: { ...base, proposedSigningPlace: 'Hà Tĩnh', languages: [] } });
    const changes = diffDossiers('INTERNATIONAL_AGREEMENT', a, b).fields.map((f) => [f.path, f.change]);
    expect(changes).toEqual([
      ['details.proposedSigningPlace', 'ADDED'],
      ['details.principles', 'REMOVED'],
    ]);
  });

  it('reports details the form does not describe', () => {
    const a = version(1, { details: { ...base, legacyNote: 'cũ' } });
    const b = version(2, { details: { ...base, legacyNote: 'mới' } });
    const [legacy] = diffDossiers('INTERNATIONAL_AGREEMENT', a, b).fields;
    expect(legacy).toMatchObject({ path: 'details.legacyNote', spec: null, change: 'CHANGED' });
  });

  it('compares attachments by content hash', () => {
    const letter = { id: 'a1', filename: 'cong-van.pdf', sha256: 'aaa' };
    const draft = { id: 'a2', filename: 'du-thao.docx', sha256: 'bbb' };
    const sameBytes = { id: 'a3', filename: 'cong-van (1).pdf', sha256: 'aaa' };
    const revised = { id: 'a4', filename: 'du-thao-v2.docx', sha256: 'ccc' };
    const diff = diffDossiers(
      'INTERNATIONAL_AGREEMENT',
      version(1, { details: base }, [letter, draft]),
      version(2, { details: base }, [sameBytes, revised]),
    );
    expect(diff.attachmentsAdded.map((a) => a.filename)).toEqual(['du-thao-v2.docx']);
    expect(diff.attachmentsRemoved.map((a) => a.filename)).toEqual(['du-thao.docx']);
  });
});
