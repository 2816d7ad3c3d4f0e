/** Agencies named in plan cells: every way of writing a name or group, and how lists are cut and joined back. */
import { AGENCY_GROUP_CODES, AGENCY_GROUPS, AgencyDirectory, LEAD_GROUPS } from './agency-matching';

const directory = new AgencyDirectory([
  { code: 'HT-UBND', name: 'Ủy ban nhân dân tỉnh Hà Tĩnh' },
  { code: 'HT-SNGV', name: 'Sở Ngoại vụ' },
  { code: 'HT-STP', name: 'Sở Tư pháp' },
  { code: 'HT-SKHCN', name: 'Sở Khoa học và Công nghệ' },
  { code: 'HT-SGDDT', name: 'Sở Giáo dục và Đào tạo' },
  { code: 'HT-CA', name: 'Công an tỉnh' },
]);
const codes = (text: string) => directory.matchList(text).matched.map((m) => m.code);

describe('AgencyDirectory.find', () => {
  it.each([
    ['HT-SNGV', 'HT-SNGV'],
    ['ht-sngv', 'HT-SNGV'],
    ['SNGV', 'HT-SNGV'],
    ['sngv', 'HT-SNGV'],
    ['Sở Ngoại vụ', 'HT-SNGV'],
    ['SỞ NGOẠI VỤ', 'HT-SNGV'],
    ['“Sở Ngoại vụ”', 'HT-SNGV'],
    ['Ủy ban nhân dân tỉnh Hà Tĩnh', 'HT-UBND'],
    ['Ủy ban nhân dân tỉnh', 'HT-UBND'],
    ['UBND tỉnh', 'HT-UBND'],
    ['Các sở, ban, ngành, địa phương', 'ALL_AGENCIES'],
    ['ALL_AGENCIES', 'ALL_AGENCIES'],
    ['all agencies', 'ALL_AGENCIES'],
    ['Các sở, ngành', 'ALL_AGENCIES'],
    ['Cơ quan đề xuất', 'PROPOSING_AGENCY'],
    ['Cơ quan đề xuất dự án hợp tác', 'PROPOSING_AGENCY'],
    ['Các cơ quan liên quan', 'RELATED_AGENCIES'],
    ['cơ quan liên quan', 'RELATED_AGENCIES'],
    ['Các đơn vị liên quan', 'RELATED_AGENCIES'],
    ['Các Ban Quản lý dự án chuyên ngành', 'PROJECT_MANAGEMENT_BOARDS'],
    ['Ban quản lý dự án chuyên ngành', 'PROJECT_MANAGEMENT_BOARDS'],
    ['Các địa phương', 'LOCALITIES'],
    ['địa phương', 'LOCALITIES'],
    ['UBND các huyện, thành phố, thị xã', 'LOCALITIES'],
    ['Các Sở Tư pháp', 'HT-STP'],
  ])('%s -> %s', (text, code) => {
    expect(directory.find(text)?.code).toBe(code);
  });

  it("tells groups from agencies, with the group's Vietnamese name", () => {
    expect(directory.find('Các cơ quan liên quan')).toEqual({ code: 'RELATED_AGENCIES', name: 'Các cơ quan liên quan', group: true });
    expect(directory.find('sngv')).toEqual({ code: 'HT-SNGV', name: 'Sở Ngoại vụ', group: false });
  });

  it('drops "Các" only at the start: "UBND các tỉnh" (of other provinces) is not the province\'s UBND', () => {
    expect(directory.find('UBND tỉnh')?.code).toBe('HT-UBND');
    expect(directory.find('UBND các tỉnh')).toBeNull();
  });

  it.each(['', '  ', 'Sở Du lịch', 'Ủy ban nhân dân', 'SNGV HT', 'xht-sngv', 'cơ quan'])('finds nothing for %j', (text) => {
    expect(directory.find(text)).toBeNull();
  });

  it('names its groups; the lead groups are all agencies and the proposing agency', () => {
    expect(AGENCY_GROUP_CODES).toEqual(Object.keys(AGENCY_GROUPS));
    expect(AGENCY_GROUP_CODES).toHaveLength(5);
    expect(LEAD_GROUPS).toEqual(['ALL_AGENCIES', 'PROPOSING_AGENCY']);
  });
});

describe('AgencyDirectory.matchList', () => {
  it('cuts at commas, semicolons, new lines and "và" (any case), keeping names that contain "và"', () => {
    expect(codes('Sở Ngoại vụ; Sở Tư pháp\nCông an tỉnh')).toEqual(['HT-SNGV', 'HT-STP', 'HT-CA']);
    expect(codes('Sở Ngoại vụ VÀ Sở Tư pháp')).toEqual(['HT-SNGV', 'HT-STP']);
    expect(codes('Sở Khoa học và Công nghệ và Sở Giáo dục và Đào tạo')).toEqual(['HT-SKHCN', 'HT-SGDDT']);
    expect(codes('Sở Ngoại vụ,Sở Tư pháp')).toEqual(['HT-SNGV', 'HT-STP']);
  });

  it('lists each agency once, in order, and skips empty pieces', () => {
    expect(directory.matchList('Sở Tư pháp, , SNGV, Sở Ngoại vụ, ht-stp;')).toEqual({
      matched: [
        { code: 'HT-STP', name: 'Sở Tư pháp', group: false },
        { code: 'HT-SNGV', name: 'Sở Ngoại vụ', group: false },
      ],
      unknown: [],
    });
  });

  it('the longest run that names something wins, and unknown pieces are given back as written', () => {
    expect(codes('Các sở, ban, ngành, địa phương liên quan')).toEqual(['ALL_AGENCIES']);
    expect(codes('Các sở, ban, ngành')).toEqual(['ALL_AGENCIES']);
    expect(directory.matchList('Sở Du lịch, Sở Ngoại vụ và  Hội Nông dân ')).toEqual({
      matched: [{ code: 'HT-SNGV', name: 'Sở Ngoại vụ', group: false }],
      unknown: ['Sở Du lịch', 'Hội Nông dân'],
    });
  });
});

describe("a city's People's Committee", () => {
  const city = new AgencyDirectory([
    { code: 'DN-UBND', name: 'Ủy ban nhân dân thành phố Đồng Nai' },
    { code: 'DN-SNGV', name: 'Sở Ngoại vụ thành phố Đồng Nai' },
  ]);

  it('is found by its full name, as "Ủy ban nhân dân thành phố" and as "UBND thành phố"', () => {
    expect(city.find('Ủy ban nhân dân thành phố Đồng Nai')?.code).toBe('DN-UBND');
    expect(city.find('Ủy ban nhân dân thành phố')?.code).toBe('DN-UBND');
    expect(city.find('UBND thành phố')?.code).toBe('DN-UBND');
    expect(city.find('Sở Ngoại vụ thành phố')?.code).toBe('DN-SNGV');
  });

  it('the name without "thành phố" or its place names nothing', () => {
    expect(city.find('Ủy ban nhân dân')).toBeNull();
    expect(city.find('Ủy ban nhân dân Đồng Nai')).toBeNull();
    expect(city.find('thành phố')).toBeNull();
  });
});
