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

  it('says what became of a proposal in the glossary\'s words', () => {
    expect(notificationMessage('PROPOSAL_DECIDED', { status: 'AWAITING_PM_CONSENT' }, 'en')).toBe("Proposal awaiting the Prime Minister's consent");
    expect(notificationMessage('PROPOSAL_DECIDED', { status: 'APPROVED' }, 'vi')).toBe('Hồ sơ được phê duyệt');
  });

  it("names both the substitute and the absent assignee when a task was completed on someone's behalf", () => {
    const p = { taskKind: 'DECISION', decision: 'APPROVE', byName: 'Trần Phó', onBehalfOfName: 'Nguyễn Chủ' };
    expect(notificationMessage('TASK_COMPLETED_ON_BEHALF', p, 'vi')).toBe('Nhiệm vụ quyết định được Trần Phó xử lý thay Nguyễn Chủ (vắng mặt): APPROVE');
    expect(notificationMessage('TASK_COMPLETED_ON_BEHALF', p, 'en')).toBe('Trần Phó completed the decision task on behalf of Nguyễn Chủ (away): APPROVE');
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
});
