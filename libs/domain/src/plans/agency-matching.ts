/**
 * Agencies named in an implementation plan, matched by code or Vietnamese name (case- and diacritics-insensitive).
 * Plans name groups as well as single agencies ("Các sở, ban, ngành, địa phương", "Cơ quan đề xuất ký kết ..."):
 * those become group codes. A cell lists several, separated by commas and "và" — but "và" also occurs inside
 * names ("Sở Khoa học và Công nghệ"), so the cell is cut at every separator and pieces are joined back greedily,
 * the longest run that names something winning.
 */
import { foldVietnamese } from './vietnamese-text';

export const AGENCY_GROUPS = {
  ALL_AGENCIES: { name: 'Các sở, ban, ngành, địa phương', nameEn: 'All departments, agencies and localities' },
  PROPOSING_AGENCY: {
    name: 'Cơ quan đề xuất ký kết hoặc cơ quan được giao chủ trì thực hiện',
    nameEn: 'The agency proposing the agreement, or the agency assigned to lead it',
  },
  RELATED_AGENCIES: { name: 'Các cơ quan liên quan', nameEn: 'Related agencies' },
  PROJECT_MANAGEMENT_BOARDS: { name: 'Các Ban Quản lý dự án chuyên ngành', nameEn: 'Specialised project management boards' },
  LOCALITIES: { name: 'Các địa phương', nameEn: 'Localities' },
} as const;
export type AgencyGroup = keyof typeof AGENCY_GROUPS;
export const AGENCY_GROUP_CODES = Object.keys(AGENCY_GROUPS) as AgencyGroup[];
/** Groups that may lead a plan item; the others only coordinate. */
export const LEAD_GROUPS: readonly AgencyGroup[] = ['ALL_AGENCIES', 'PROPOSING_AGENCY'];

/** How plans write the groups (folded); "the proposing agency" is recognised by its opening words. */
const GROUP_ALIASES: Record<AgencyGroup, string[]> = {
  ALL_AGENCIES: [
    'cac so, ban, nganh, dia phuong',
    'cac so, nganh, dia phuong',
    'cac so, ban, nganh',
    'cac so, nganh',
    'cac co quan, don vi, dia phuong',
    'cac so, ban, nganh, dia phuong lien quan',
    'cac so, ban, nganh, ubnd cac huyen, thanh pho, thi xa',
  ],
  PROPOSING_AGENCY: ['co quan de xuat', 'co quan de xuat ky ket', 'co quan de xuat ky ket hoac co quan duoc giao chu tri thuc hien'],
  RELATED_AGENCIES: [
    'cac co quan lien quan',
    'co quan lien quan',
    'cac co quan, don vi lien quan',
    'cac don vi lien quan',
    'cac co quan co lien quan',
  ],
  PROJECT_MANAGEMENT_BOARDS: ['cac ban quan ly du an chuyen nganh', 'ban quan ly du an chuyen nganh', 'cac ban quan ly du an'],
  LOCALITIES: ['cac dia phuong', 'dia phuong', 'ubnd cac huyen, thanh pho, thi xa'],
};

export interface KnownAgency {
  code: string;
  name: string;
}

export interface MatchedAgency {
  code: string;
  name: string;
  group: boolean;
}

export interface AgencyListMatch {
  matched: MatchedAgency[];
  /** Pieces of the text that name no agency or group, as written. */
  unknown: string[];
}

/** The province prefix of agency codes (HT-SNGV); plans may write the bare abbreviation (SNGV, SNgV). */
const CODE_PREFIX = /^[a-z]{2}-/;

/** An index of every way to name an agency or group, folded. */
export class AgencyDirectory {
  private readonly byName = new Map<string, MatchedAgency>();

  constructor(agencies: readonly KnownAgency[]) {
    for (const [code, group] of Object.entries(AGENCY_GROUPS)) {
      const entry = { code, name: group.name, group: true };
      this.byName.set(foldVietnamese(code.replace(/_/g, ' ')), entry);
      this.byName.set(foldVietnamese(code), entry);
      this.byName.set(foldVietnamese(group.name), entry);
      for (const alias of GROUP_ALIASES[code as AgencyGroup]) this.byName.set(alias, entry);
    }
    for (const a of agencies) {
      const entry = { code: a.code, name: a.name, group: false };
      const code = foldVietnamese(a.code);
      this.byName.set(code, entry);
      this.byName.set(code.replace(CODE_PREFIX, ''), entry);
      this.byName.set(foldVietnamese(a.name), entry);
      // "Ủy ban nhân dân tỉnh Hà Tĩnh" is written "UBND tỉnh" or "Ủy ban nhân dân tỉnh" in the province's own plans, and
      // "Ủy ban nhân dân thành phố Đồng Nai" "UBND thành phố" in a city's.
      const withoutProvince = foldVietnamese(a.name).replace(/ (tinh|thanh pho) [a-z ]+$/, ' $1');
      this.byName.set(withoutProvince, entry);
      this.byName.set(withoutProvince.replace(/^uy ban nhan dan /, 'ubnd '), entry);
    }
  }

  /** One name, or null. */
  find(text: string): MatchedAgency | null {
    const folded = foldVietnamese(text);
    const hit = this.byName.get(folded) ?? this.byName.get(folded.replace(/^cac /, ''));
    if (hit) return hit;
    if (folded.startsWith('co quan de xuat')) return this.byName.get('co quan de xuat') ?? null;
    return null;
  }

  /** Every agency or group a cell lists (no duplicates, in order), and the pieces it could not place. */
  matchList(text: string): AgencyListMatch {
    // Pieces at odd indexes are the separators, kept to join neighbours back as written.
    // One white space on each side of "và" is enough: further spaces stay at the edges of the pieces, which find() folds.
    const parts = text.split(/(\s*[,;\n]\s*|\svà\s|\sVÀ\s)/);
    const pieces: string[] = [];
    const separators: string[] = [];
    parts.forEach((p, i) => (i % 2 === 0 ? pieces.push(p) : separators.push(p)));
    const matched: MatchedAgency[] = [];
    const unknown: string[] = [];
    let i = 0;
    while (i < pieces.length) {
      if (!foldVietnamese(pieces[i]!)) {
        i += 1;
        continue;
      }
      let found: { entry: MatchedAgency; next: number } | null = null;
      for (let j = pieces.length - 1; j >= i && !found; j--) {
        let candidate = pieces[i]!;
        for (let k = i + 1; k <= j; k++) candidate += separators[k - 1]! + pieces[k]!;
        const entry = this.find(candidate);
        if (entry) found = { entry, next: j + 1 };
      }
      if (found) {
        if (!matched.some((m) => m.code === found!.entry.code)) matched.push(found.entry);
        i = found.next;
      } else {
        unknown.push(pieces[i]!.trim());
        i += 1;
      }
    }
    return { matched, unknown };
  }
}
