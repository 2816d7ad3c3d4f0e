import { TASK_KINDS } from '../tasks/task.types';
import { languageOf, notificationMessage } from './notification-messages';

describe('notification messages', () => {
  const dueAt = '2026-11-25T16:59:59.999Z';

  it('names every task kind in words in both languages, with the due day in Vietnam', () => {
    for (const taskKind of TASK_KINDS) {
      const vi = notificationMessage('TASK_OPENED', { taskKind, dueAt }, 'vi');
      const en = notificationMessage('TASK_OPENED', { taskKind, dueAt }, 'en');
      expect(vi).toMatch(/^Nhiệm vụ mới: [^_]+, hạn 25\/11\/2026$/);
      expect(en).toMatch(/^New task: [^_]+, due 25\/11\/2026$/);
      expect(vi).not.toContain(taskKind);
      expect(en).not.toContain(taskKind);
    }
    expect(notificationMessage('TASK_OPENED', { taskKind: 'APPRAISAL', dueAt }, 'en')).toBe('New task: justice appraisal, due 25/11/2026');
  });

  it("says what became of a proposal in the glossary's words", () => {
    expect(notificationMessage('PROPOSAL_DECIDED', { status: 'AWAITING_PM_CONSENT' }, 'en')).toBe(
      "Proposal awaiting the Prime Minister's consent",
    );
    expect(notificationMessage('PROPOSAL_DECIDED', { status: 'APPROVED' }, 'vi')).toBe('Hồ sơ được phê duyệt');
  });

  it("names both the substitute and the absent assignee when a task was completed on someone's behalf", () => {
    const p = { taskKind: 'DECISION', decision: 'APPROVE', byName: 'Trần Phó', onBehalfOfName: 'Nguyễn Chủ' };
    expect(notificationMessage('TASK_COMPLETED_ON_BEHALF', p, 'vi')).toBe(
      'Nhiệm vụ quyết định được Trần Phó xử lý thay Nguyễn Chủ (vắng mặt): APPROVE',
    );
    expect(notificationMessage('TASK_COMPLETED_ON_BEHALF', p, 'en')).toBe(
      'Trần Phó completed the decision task on behalf of Nguyễn Chủ (away): APPROVE',
    );
  });

  it('falls back to the kind for a notification it has no text for', () => {
    expect(notificationMessage('SOMETHING_NEW', {}, 'en')).toBe('SOMETHING_NEW');
  });

  it('takes English only when asked for, Vietnamese otherwise', () => {
    expect(languageOf('en-GB,en;q=0.9')).toBe('en');
    expect(languageOf('fr-FR,en;q=0.5')).toBe('vi');
    expect(languageOf(undefined)).toBe('vi');
    expect(languageOf('en-US', 'vi')).toBe('vi');
  });

  it('writes every notification in both languages, dates as the day in Vietnam (DD/MM/YYYY)', () => {
    const task = { taskKind: 'OPINION', dueAt: '2026-03-09T17:00:00Z' }; // already 10/3 in Hanoi
    const plan = { no: 3, task: 'Tổ chức hội thảo', dueOn: '2026-06-30' };
    const agreement = { title: 'MoU Hà Tĩnh - Vientiane', expiresOn: '2027-01-05', daysBefore: 60 };
    const cycle = { title: 'Báo cáo năm 2026', dueAt: '2026-11-04T17:00:00Z', reporters: 12 };
    const cases: [string, Record<string, string | number>, string, string][] = [
      ['TASK_OPENED', task, 'Nhiệm vụ mới: cho ý kiến, hạn 10/03/2026', 'New task: opinion, due 10/03/2026'],
      [
        'TASK_REMINDER',
        { ...task, percent: 80 },
        'Nhắc việc: đã qua 80% thời hạn cho ý kiến, hạn 10/03/2026',
        'Reminder: 80% of the time for opinion has passed, due 10/03/2026',
      ],
      ['TASK_OVERDUE', task, 'Quá hạn: cho ý kiến (hạn 10/03/2026)', 'Overdue: opinion (due 10/03/2026)'],
      [
        'TASK_ESCALATED',
        task,
        'Báo cáo thủ trưởng: nhiệm vụ cho ý kiến của cơ quan đã quá hạn (10/03/2026)',
        "Escalation: your agency's opinion task is overdue (due 10/03/2026)",
      ],
      ['PROPOSAL_DECIDED', { status: 'REVISION_REQUESTED' }, 'Hồ sơ được yêu cầu chỉnh sửa', 'Proposal sent back for revision'],
      ['PROPOSAL_DECIDED', { status: 'SUPPLEMENT_REQUESTED' }, 'Hồ sơ được yêu cầu bổ sung hồ sơ', 'Proposal sent back for a supplement'],
      ['PROPOSAL_DECIDED', { status: 'REJECTED' }, 'Hồ sơ bị từ chối', 'Proposal rejected'],
      ['PROPOSAL_DECIDED', { status: 'CANCELLED' }, 'Hồ sơ bị hủy', 'Proposal cancelled'],
      [
        'AGREEMENT_EXPIRING',
        agreement,
        'Thỏa thuận quốc tế "MoU Hà Tĩnh - Vientiane" hết hiệu lực ngày 05/01/2027 (còn 60 ngày)',
        'International agreement "MoU Hà Tĩnh - Vientiane" expires on 05/01/2027 (60 days left)',
      ],
      [
        'AGREEMENT_EXPIRED',
        agreement,
        'Thỏa thuận quốc tế "MoU Hà Tĩnh - Vientiane" đã hết hiệu lực ngày 05/01/2027',
        'International agreement "MoU Hà Tĩnh - Vientiane" expired on 05/01/2027',
      ],
      [
        'PLAN_ITEM_OVERDUE',
        plan,
        'Quá hạn: nhiệm vụ 3 "Tổ chức hội thảo" của kế hoạch (hạn 30/06/2026)',
        'Overdue: plan task 3 "Tổ chức hội thảo" (due 30/06/2026)',
      ],
      [
        'PLAN_ITEM_ESCALATED',
        plan,
        'Báo cáo thủ trưởng: nhiệm vụ 3 "Tổ chức hội thảo" do cơ quan chủ trì đã quá hạn (30/06/2026)',
        'Escalation: plan task 3 "Tổ chức hội thảo" your agency leads is overdue (due 30/06/2026)',
      ],
      [
        'REPORT_CYCLE_OPENED',
        cycle,
        'Mở kỳ báo cáo: Báo cáo năm 2026, hạn 05/11/2026 (12 cơ quan báo cáo)',
        'Reporting cycle opened: Báo cáo năm 2026, due 05/11/2026 (12 reporting agencies)',
      ],
      [
        'REPORT_CYCLE_READY',
        cycle,
        'Các cơ quan đã nộp đủ báo cáo: Báo cáo năm 2026; đề nghị tổng hợp',
        'Every agency has reported: Báo cáo năm 2026; ready to consolidate',
      ],
    ];
    for (const [kind, params, vi, en] of cases) {
      expect([kind, notificationMessage(kind, params, 'vi')]).toEqual([kind, vi]);
      expect([kind, notificationMessage(kind, params, 'en')]).toEqual([kind, en]);
    }
  });

  it('a kind or status with no name yet is shown as written (Vietnamese) or in words (English)', () => {
    expect(notificationMessage('TASK_OPENED', { taskKind: 'NEW_KIND', dueAt: '2026-03-09T00:00:00Z' }, 'vi')).toBe(
      'Nhiệm vụ mới: NEW_KIND, hạn 09/03/2026',
    );
    expect(notificationMessage('TASK_OPENED', { taskKind: 'NEW_KIND', dueAt: '2026-03-09T00:00:00Z' }, 'en')).toBe(
      'New task: new kind, due 09/03/2026',
    );
    expect(notificationMessage('PROPOSAL_DECIDED', { status: 'IN_FORCE' }, 'vi')).toBe('Hồ sơ IN_FORCE');
    expect(notificationMessage('PROPOSAL_DECIDED', { status: 'IN_FORCE' }, 'en')).toBe('Proposal in force');
    expect(notificationMessage('PROPOSAL_DECIDED', { status: 'AWAITING_CENTRAL_DECISION' }, 'en')).toBe(
      'Proposal awaiting central decision',
    );
    expect(notificationMessage('SOMETHING_NEW', {}, 'vi')).toBe('SOMETHING_NEW');
  });

  it('an explicit language wins; the first Accept-Language entry decides, whatever its case and spacing', () => {
    expect(languageOf('vi-VN', 'en')).toBe('en');
    expect(languageOf('en', 'fr')).toBe('en');
    expect(languageOf(' EN-us ;q=1, vi')).toBe('en');
    expect(languageOf('vi, en')).toBe('vi');
    expect(languageOf('')).toBe('vi');
  });
});
