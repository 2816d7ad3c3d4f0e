/** Notification texts, Vietnamese (default) and English; legal terms follow docs/domain.md's glossary. */
type Params = Record<string, string | number>;
type Catalog = Record<string, (p: Params) => string>;

const TASK_KIND_VI: Record<string, string> = {
  INTAKE_CHECK: 'kiểm tra hồ sơ',
  OPINION: 'cho ý kiến',
  EXTERNAL_OPINION: 'ghi nhận ý kiến cơ quan trung ương',
  SUPPLEMENT: 'bổ sung hồ sơ',
  REVISION: 'chỉnh sửa hồ sơ',
  ABSORPTION: 'tiếp thu, giải trình',
  APPRAISAL: 'thẩm định',
  DECISION: 'quyết định',
  PM_CONSENT: 'ghi nhận ý kiến Thủ tướng',
  CENTRAL_DECISION: 'ghi nhận quyết định của Chính phủ',
  SIGNING: 'ký kết',
  POST_SIGNING_REPORT: 'báo cáo sau ký kết',
  PERIODIC_REPORT: 'báo cáo định kỳ',
};
const STATUS_VI: Record<string, string> = {
  APPROVED: 'được phê duyệt',
  REJECTED: 'bị từ chối',
  CANCELLED: 'bị hủy',
  AWAITING_PM_CONSENT: 'chờ ý kiến Thủ tướng',
  SUPPLEMENT_REQUESTED: 'được yêu cầu bổ sung hồ sơ',
  REVISION_REQUESTED: 'được yêu cầu chỉnh sửa',
};
const TASK_KIND_EN: Record<string, string> = {
  INTAKE_CHECK: 'completeness check',
  OPINION: 'opinion',
  EXTERNAL_OPINION: "recording a central body's opinion",
  SUPPLEMENT: 'supplementing the dossier',
  REVISION: 'revising the dossier',
  ABSORPTION: 'absorption and explanation report',
  APPRAISAL: 'justice appraisal',
  DECISION: 'decision',
  PM_CONSENT: "recording the Prime Minister's consent",
  CENTRAL_DECISION: "recording the Government's decision",
  SIGNING: 'signing',
  POST_SIGNING_REPORT: 'post-signing report',
  PERIODIC_REPORT: 'periodic report',
};
const STATUS_EN: Record<string, string> = {
  APPROVED: 'approved',
  REJECTED: 'rejected',
  CANCELLED: 'cancelled',
  AWAITING_PM_CONSENT: "awaiting the Prime Minister's consent",
  SUPPLEMENT_REQUESTED: 'sent back for a supplement',
  REVISION_REQUESTED: 'sent back for revision',
};
/** The glossary's English name of a code, or the code in words when a new one has no entry yet. */
const inEnglish = (names: Record<string, string>, code: unknown) => names[String(code)] ?? String(code).toLowerCase().replace(/_/g, ' ');
const kindEn = (k: unknown) => inEnglish(TASK_KIND_EN, k);
const date = (iso: unknown) => {
  const d = new Date(Date.parse(String(iso)) + 7 * 3600_000);
  return `${String(d.getUTCDate()).padStart(2, '0')}/${String(d.getUTCMonth() + 1).padStart(2, '0')}/${d.getUTCFullYear()}`;
};

const vi: Catalog = {
  TASK_OPENED: (p) => `Nhiệm vụ mới: ${TASK_KIND_VI[p.taskKind as string] ?? p.taskKind}, hạn ${date(p.dueAt)}`,
  TASK_REMINDER: (p) =>
    `Nhắc việc: đã qua ${p.percent}% thời hạn ${TASK_KIND_VI[p.taskKind as string] ?? p.taskKind}, hạn ${date(p.dueAt)}`,
  TASK_OVERDUE: (p) => `Quá hạn: ${TASK_KIND_VI[p.taskKind as string] ?? p.taskKind} (hạn ${date(p.dueAt)})`,
  TASK_ESCALATED: (p) =>
    `Báo cáo thủ trưởng: nhiệm vụ ${TASK_KIND_VI[p.taskKind as string] ?? p.taskKind} của cơ quan đã quá hạn (${date(p.dueAt)})`,
  PROPOSAL_DECIDED: (p) => `Hồ sơ ${STATUS_VI[p.status as string] ?? p.status}`,
  AGREEMENT_EXPIRING: (p) =>
    `Thỏa thuận quốc tế "${p.title}" hết hiệu lực ngày ${date(`${p.expiresOn}T12:00:00+07:00`)} (còn ${p.daysBefore} ngày)`,
  AGREEMENT_EXPIRED: (p) => `Thỏa thuận quốc tế "${p.title}" đã hết hiệu lực ngày ${date(`${p.expiresOn}T12:00:00+07:00`)}`,
  PLAN_ITEM_OVERDUE: (p) => `Quá hạn: nhiệm vụ ${p.no} "${p.task}" của kế hoạch (hạn ${date(`${p.dueOn}T12:00:00+07:00`)})`,
  PLAN_ITEM_ESCALATED: (p) =>
    `Báo cáo thủ trưởng: nhiệm vụ ${p.no} "${p.task}" do cơ quan chủ trì đã quá hạn (${date(`${p.dueOn}T12:00:00+07:00`)})`,
  REPORT_CYCLE_OPENED: (p) => `Mở kỳ báo cáo: ${p.title}, hạn ${date(p.dueAt)} (${p.reporters} cơ quan báo cáo)`,
  REPORT_CYCLE_READY: (p) => `Các cơ quan đã nộp đủ báo cáo: ${p.title}; đề nghị tổng hợp`,
  TASK_COMPLETED_ON_BEHALF: (p) =>
    `Nhiệm vụ ${TASK_KIND_VI[p.taskKind as string] ?? p.taskKind} được ${p.byName} xử lý thay ${p.onBehalfOfName} (vắng mặt): ${p.decision}`,
};
const en: Catalog = {
  TASK_OPENED: (p) => `New task: ${kindEn(p.taskKind)}, due ${date(p.dueAt)}`,
  TASK_REMINDER: (p) => `Reminder: ${p.percent}% of the time for ${kindEn(p.taskKind)} has passed, due ${date(p.dueAt)}`,
  TASK_OVERDUE: (p) => `Overdue: ${kindEn(p.taskKind)} (due ${date(p.dueAt)})`,
  TASK_ESCALATED: (p) => `Escalation: your agency's ${kindEn(p.taskKind)} task is overdue (due ${date(p.dueAt)})`,
  PROPOSAL_DECIDED: (p) => `Proposal ${inEnglish(STATUS_EN, p.status)}`,
  AGREEMENT_EXPIRING: (p) =>
    `International agreement "${p.title}" expires on ${date(`${p.expiresOn}T12:00:00+07:00`)} (${p.daysBefore} days left)`,
  AGREEMENT_EXPIRED: (p) => `International agreement "${p.title}" expired on ${date(`${p.expiresOn}T12:00:00+07:00`)}`,
  PLAN_ITEM_OVERDUE: (p) => `Overdue: plan task ${p.no} "${p.task}" (due ${date(`${p.dueOn}T12:00:00+07:00`)})`,
  PLAN_ITEM_ESCALATED: (p) =>
    `Escalation: plan task ${p.no} "${p.task}" your agency leads is overdue (due ${date(`${p.dueOn}T12:00:00+07:00`)})`,
  REPORT_CYCLE_OPENED: (p) => `Reporting cycle opened: ${p.title}, due ${date(p.dueAt)} (${p.reporters} reporting agencies)`,
  REPORT_CYCLE_READY: (p) => `Every agency has reported: ${p.title}; ready to consolidate`,
  TASK_COMPLETED_ON_BEHALF: (p) =>
    `${p.byName} completed the ${kindEn(p.taskKind)} task on behalf of ${p.onBehalfOfName} (away): ${p.decision}`,
};

export type Language = 'vi' | 'en';

/** Picks English only when the client prefers it (Accept-Language), Vietnamese otherwise. */
export function languageOf(acceptLanguage: string | undefined, explicit?: string): Language {
  if (explicit === 'en' || explicit === 'vi') return explicit;
  const first = (acceptLanguage ?? '').split(',')[0]!.trim().toLowerCase(); // split always yields a first piece
  return first.startsWith('en') ? 'en' : 'vi';
}

export function notificationMessage(kind: string, params: Params, lang: Language): string {
  const catalog = lang === 'en' ? en : vi;
  return catalog[kind]?.(params) ?? kind;
}
