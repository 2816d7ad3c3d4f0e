/** Demo province Hà Tĩnh (api-contract.md "Demo data"). Password of every demo user: accord-demo. */
export const DEMO_PASSWORD = 'accord-demo';

export const DEMO_AGENCIES = [
  { code: 'HT-UBND', name: 'Ủy ban nhân dân tỉnh Hà Tĩnh', nameEn: 'Hà Tĩnh Provincial People\'s Committee' },
  { code: 'HT-SNGV', name: 'Sở Ngoại vụ', nameEn: 'Department of Foreign Affairs' },
  { code: 'HT-STP', name: 'Sở Tư pháp', nameEn: 'Department of Justice' },
  { code: 'HT-SCT', name: 'Sở Công Thương', nameEn: 'Department of Industry and Trade' },
  { code: 'HT-SGDDT', name: 'Sở Giáo dục và Đào tạo', nameEn: 'Department of Education and Training' },
  { code: 'HT-BCHQS', name: 'Bộ Chỉ huy Quân sự tỉnh', nameEn: 'Provincial Military Command' },
  { code: 'HT-CA', name: 'Công an tỉnh', nameEn: 'Provincial Police' },
  // Named in the appendix of the Hà Tĩnh plan implementing Resolution 152/NQ-CP (plan items lead or coordinate); no demo users.
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
  { email: 'head@sngv.hatinh.gov.vn', fullName: 'Phạm Quốc Dũng', agency: 'HT-SNGV', roles: ['REVIEWER', 'AGENCY_HEAD'] },
  { email: 'reviewer@stp.hatinh.gov.vn', fullName: 'Hoàng Thu Hà', agency: 'HT-STP', roles: ['REVIEWER'] },
  { email: 'reviewer@bchqs.hatinh.gov.vn', fullName: 'Võ Đức Khải', agency: 'HT-BCHQS', roles: ['REVIEWER'] },
  { email: 'reviewer@ca.hatinh.gov.vn', fullName: 'Đặng Văn Long', agency: 'HT-CA', roles: ['REVIEWER'] },
  { email: 'chairman@ubnd.hatinh.gov.vn', fullName: 'Bùi Thanh Minh', agency: 'HT-UBND', roles: ['LEADER'] },
  { email: 'vicechair@ubnd.hatinh.gov.vn', fullName: 'Ngô Thị Nga', agency: 'HT-UBND', roles: ['LEADER'] },
  { email: 'admin@accord.local', fullName: 'Quản trị hệ thống', agency: null, roles: ['ADMIN'] },
  { email: 'auditor@accord.local', fullName: 'Kiểm toán viên', agency: null, roles: ['AUDITOR'] },
] as const;
