/** Demo provinces Hà Tĩnh and Đồng Nai (docs/api.md "Demo data"). Password of every demo user: accord-demo. */
export const DEMO_PASSWORD = 'accord-demo';

export const DEMO_AGENCIES = [
  { code: 'HT-UBND', name: 'Ủy ban nhân dân tỉnh Hà Tĩnh', nameEn: "Hà Tĩnh Provincial People's Committee" },
  { code: 'HT-SNGV', name: 'Sở Ngoại vụ', nameEn: 'Department of Foreign Affairs' },
  { code: 'HT-STP', name: 'Sở Tư pháp', nameEn: 'Department of Justice' },
  { code: 'HT-SCT', name: 'Sở Công Thương', nameEn: 'Department of Industry and Trade' },
  { code: 'HT-SGDDT', name: 'Sở Giáo dục và Đào tạo', nameEn: 'Department of Education and Training' },
  { code: 'HT-BCHQS', name: 'Bộ Chỉ huy Quân sự tỉnh', nameEn: 'Provincial Military Command' },
  { code: 'HT-CA', name: 'Công an tỉnh', nameEn: 'Provincial Police' },
  // Reviews every border-commune agreement with BCHQS and CA (routing policy 2026.2, Decree 64/2021 Art 7).
  { code: 'HT-BDBP', name: 'Bộ Chỉ huy Bộ đội Biên phòng tỉnh', nameEn: 'Provincial Border Guard Command' },
  // Consulted on mechanism participation (source 001 II.5).
  { code: 'HT-VPUBND', name: 'Văn phòng Ủy ban nhân dân tỉnh', nameEn: "Office of the Provincial People's Committee" },
  // Named in the appendix of the Hà Tĩnh plan implementing Resolution 152/NQ-CP (plan items lead or coordinate); HT-STC and
  // HT-SNV have demo reviewers since policy 2026.2 consults them on overseas offices.
  { code: 'HT-STC', name: 'Sở Tài chính', nameEn: 'Department of Finance' },
  { code: 'HT-SNV', name: 'Sở Nội vụ', nameEn: 'Department of Home Affairs' },
  { code: 'HT-SKHCN', name: 'Sở Khoa học và Công nghệ', nameEn: 'Department of Science and Technology' },
  { code: 'HT-SXD', name: 'Sở Xây dựng', nameEn: 'Department of Construction' },
  { code: 'HT-BQLKKT', name: 'Ban Quản lý Khu kinh tế tỉnh', nameEn: 'Provincial Economic Zone Authority' },
  { code: 'HT-HQKV11', name: 'Chi cục Hải quan khu vực XI', nameEn: 'Customs Sub-department of Region XI' },
] as const;

export const DEMO_USERS = [
  { email: 'submitter@sct.hatinh.gov.vn', fullName: 'Nguyễn Văn An', agency: 'HT-SCT', roles: ['SUBMITTER'] },
  { email: 'submitter@sgddt.hatinh.gov.vn', fullName: 'Trần Thị Bình', agency: 'HT-SGDDT', roles: ['SUBMITTER'] },
  { email: 'officer@sngv.hatinh.gov.vn', fullName: 'Lê Minh Châu', agency: 'HT-SNGV', roles: ['REVIEWER'] },
  {
    email: 'head@sngv.hatinh.gov.vn',
    fullName: 'Phạm Quốc Dũng',
    agency: 'HT-SNGV',
    roles: ['REVIEWER', 'AGENCY_HEAD'],
    position: 'Giám đốc',
  },
  { email: 'reviewer@stp.hatinh.gov.vn', fullName: 'Hoàng Thu Hà', agency: 'HT-STP', roles: ['REVIEWER'] },
  { email: 'reviewer@bchqs.hatinh.gov.vn', fullName: 'Võ Đức Khải', agency: 'HT-BCHQS', roles: ['REVIEWER'] },
  { email: 'reviewer@ca.hatinh.gov.vn', fullName: 'Đặng Văn Long', agency: 'HT-CA', roles: ['REVIEWER'] },
  { email: 'reviewer@bdbp.hatinh.gov.vn', fullName: 'Trương Văn Hải', agency: 'HT-BDBP', roles: ['REVIEWER'] },
  // Consulted by routing policy 2026.2 on mechanism participation (HT-VPUBND) and overseas offices (HT-SNV, HT-STC).
  { email: 'reviewer@vpubnd.hatinh.gov.vn', fullName: 'Lê Thị Hoa', agency: 'HT-VPUBND', roles: ['REVIEWER'] },
  { email: 'reviewer@snv.hatinh.gov.vn', fullName: 'Phan Văn Tâm', agency: 'HT-SNV', roles: ['REVIEWER'] },
  { email: 'reviewer@stc.hatinh.gov.vn', fullName: 'Đỗ Thị Lan', agency: 'HT-STC', roles: ['REVIEWER'] },
  { email: 'chairman@ubnd.hatinh.gov.vn', fullName: 'Bùi Thanh Minh', agency: 'HT-UBND', roles: ['LEADER'], position: 'Chủ tịch' },
  { email: 'vicechair@ubnd.hatinh.gov.vn', fullName: 'Ngô Thị Nga', agency: 'HT-UBND', roles: ['LEADER'], position: 'Phó Chủ tịch' },
  // The People's Committee's records officer (văn thư): issues its documents and keeps its registers (issue 17).
  { email: 'clerk@ubnd.hatinh.gov.vn', fullName: 'Văn thư UBND tỉnh', agency: 'HT-UBND', roles: ['CLERK'] },
  { email: 'admin@accord.local', fullName: 'Quản trị hệ thống', agency: null, roles: ['ADMIN'] },
  { email: 'auditor@accord.local', fullName: 'Kiểm toán viên', agency: null, roles: ['AUDITOR'] },
] as const;

export const DEMO_PROVINCE_HT = { code: 'HT', name: 'Tỉnh Hà Tĩnh', nameEn: 'Hà Tĩnh Province' } as const;

/** The second demo province (docs/provinces.md), its agencies from Đồng Nai's city plan. */
export const DEMO_PROVINCE_DN = { code: 'DN', name: 'Thành phố Đồng Nai', nameEn: 'Đồng Nai City' } as const;

/** Đồng Nai's agencies beyond the core ones every province gets (provisionProvince): those its plan names. */
export const DN_DEMO_AGENCIES = [
  { code: 'DN-SKHCN', name: 'Sở Khoa học và Công nghệ', nameEn: 'Department of Science and Technology' },
  { code: 'DN-SVHTTDL', name: 'Sở Văn hóa, Thể thao và Du lịch', nameEn: 'Department of Culture, Sports and Tourism' },
] as const;

export const DN_DEMO_USERS = [
  { email: 'submitter@sct.dongnai.gov.vn', fullName: 'Lý Văn Phúc', agency: 'DN-SCT', roles: ['SUBMITTER'] },
  { email: 'officer@sngv.dongnai.gov.vn', fullName: 'Huỳnh Thị Quyên', agency: 'DN-SNGV', roles: ['REVIEWER'] },
  { email: 'reviewer@stp.dongnai.gov.vn', fullName: 'Châu Minh Sang', agency: 'DN-STP', roles: ['REVIEWER'] },
  { email: 'reviewer@bchqs.dongnai.gov.vn', fullName: 'Lâm Văn Tài', agency: 'DN-BCHQS', roles: ['REVIEWER'] },
  { email: 'reviewer@ca.dongnai.gov.vn', fullName: 'Mai Thị Uyên', agency: 'DN-CA', roles: ['REVIEWER'] },
  { email: 'chairman@ubnd.dongnai.gov.vn', fullName: 'Tô Quang Vinh', agency: 'DN-UBND', roles: ['LEADER'], position: 'Chủ tịch' },
  { email: 'admin@dongnai.gov.vn', fullName: 'Quản trị Đồng Nai', agency: null, roles: ['ADMIN'] },
  { email: 'auditor@dongnai.gov.vn', fullName: 'Kiểm toán viên Đồng Nai', agency: null, roles: ['AUDITOR'] },
] as const;

/** Platform administrators belong to no province; they create provinces. */
export const PLATFORM_DEMO_USERS = [
  { email: 'platform@accord.local', fullName: 'Quản trị nền tảng', agency: null, roles: ['PLATFORM_ADMIN'] },
] as const;
