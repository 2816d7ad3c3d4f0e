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
