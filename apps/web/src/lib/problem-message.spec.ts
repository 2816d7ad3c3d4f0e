import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { ApiError } from './api';
import { describeProblem, fieldLabel, fieldMessages, problemMessage, type ProblemI18n } from './problem-message';
import { serverIssues } from './validation';

const catalog = (lang: 'vi' | 'en') =>
  JSON.parse(readFileSync(join(__dirname, '..', 'i18n', `${lang}.json`), 'utf8')) as Record<string, string>;

/** i18next's behaviour that matters here: a known key's text with {{params}} filled in, else defaultValue or the key. */
function i18n(language: 'vi' | 'en'): ProblemI18n {
  const texts = catalog(language);
  return {
    language,
    exists: (key) => key in texts,
    t: (key, options = {}) =>
      (texts[key] ?? (typeof options.defaultValue === 'string' ? options.defaultValue : key)).replace(/\{\{(\w+)\}\}/g, (_, name: string) =>
        String(options[name]),
      ),
  };
}

const ENGLISH_DETAIL = 'Four-eyes: the submitting agency cannot review, appraise or decide its own proposal';

describe('problemMessage', () => {
  it('translates a problem by its code, in either language, never showing the English detail', () => {
    const problem = { status: 403, code: 'FOUR_EYES', detail: ENGLISH_DETAIL };
    expect(problemMessage(i18n('vi'), problem)).toBe(catalog('vi')['problem.FOUR_EYES']);
    expect(problemMessage(i18n('en'), problem)).toBe(catalog('en')['problem.FOUR_EYES']);
    expect(problemMessage(i18n('vi'), problem)).not.toContain('Four-eyes');
  });

  it('falls back to the message of the status for a code it does not know, or none', () => {
    expect(problemMessage(i18n('vi'), { status: 409, code: 'SOMETHING_NEW', detail: 'The thing is busy' })).toBe(
      catalog('vi')['error.conflict'],
    );
    expect(problemMessage(i18n('vi'), { status: 503, detail: 'Bad gateway' })).toBe(catalog('vi')['error.unavailable']);
    expect(problemMessage(i18n('vi'), { status: 401, detail: 'Unauthorized' })).toBe(catalog('vi')['error.unauthenticated']);
    // An English reader gets the server's own words before a generic message.
    expect(problemMessage(i18n('en'), { status: 409, code: 'SOMETHING_NEW', detail: 'The thing is busy' })).toBe('The thing is busy');
  });

  it('says the server was not reached for a network failure, whatever the detail', () => {
    expect(problemMessage(i18n('en'), { status: 0, detail: 'network' })).toBe(catalog('en')['error.network']);
  });
});

describe('field errors', () => {
  const errors = [{ field: 'details.counterpart.country', message: 'country must be a valid ISO31661 Alpha2 code' }];
  const unusable = [{ field: 'attachmentIds.0', message: 'no attachment 6d1f… of yours' }];

  it('stay on their fields with the server reason when each field has its own (a validation failure)', () => {
    expect(fieldMessages(i18n('vi'), { code: 'VALIDATION_FAILED', errors })).toEqual({ 'details.counterpart.country': errors[0]!.message });
    expect(serverIssues(errors, '', 'VALIDATION_FAILED')).toEqual([{ field: 'details.counterpart.country', message: errors[0]!.message }]);
  });

  it("keep the edXML reader's reason for each element of a refused package", () => {
    const refused = [
      { field: 'from.organId', message: 'is required' },
      { field: 'attachments.0.sha256', message: 'attachment "cv.pdf": content does not match the declared sha256' },
    ];
    expect(fieldMessages(i18n('vi'), { code: 'EDXML_INVALID', errors: refused })).toEqual({
      'from.organId': 'is required',
      'attachments.0.sha256': refused[1]!.message,
    });
    const { detail, fields } = describeProblem(
      i18n('vi'),
      new ApiError(400, {
        type: 'about:blank',
        title: 'Bad Request',
        status: 400,
        detail: 'Invalid edXML package',
        code: 'EDXML_INVALID',
        errors: refused,
      }),
    );
    expect(detail).toBe(catalog('vi')['problem.EDXML_INVALID']);
    expect(fields.map((f) => f.message)).toEqual(refused.map((e) => e.message));
  });

  it("read as the code's message, in the reader's language, when the code is the reason", () => {
    expect(fieldMessages(i18n('vi'), { code: 'ATTACHMENT_NOT_USABLE', errors: unusable })).toEqual({
      'attachmentIds.0': catalog('vi')['problem.ATTACHMENT_NOT_USABLE'],
    });
    const [issue] = serverIssues(unusable, '', 'ATTACHMENT_NOT_USABLE');
    expect(issue!.field).toBe('attachmentIds.0');
    expect(i18n('vi').t(issue!.key!, issue!.params)).toBe(catalog('vi')['problem.ATTACHMENT_NOT_USABLE']);
    expect(i18n('en').t(issue!.key!, issue!.params)).toBe(catalog('en')['problem.ATTACHMENT_NOT_USABLE']);
  });

  it('keep the server reason for a code the catalogs do not know yet', () => {
    expect(fieldMessages(i18n('vi'), { code: 'SOMETHING_NEW', errors: unusable })).toEqual({ 'attachmentIds.0': unusable[0]!.message });
  });

  it('are labelled with the form field name when the catalogs have one', () => {
    expect(fieldLabel(i18n('vi'), 'details.counterpart.country')).toBe(catalog('vi')['field.details.counterpart.country']);
    expect(fieldLabel(i18n('vi'), 'Idempotency-Key')).toBe('Idempotency-Key');
  });
});

describe('describeProblem (what ProblemAlert shows)', () => {
  const apiError = (status: number, problem: Partial<ApiError['problem']>) =>
    new ApiError(status, { type: 'about:blank', title: 'x', status, detail: '', ...problem });

  it("titles an error by its status and says the code's message under it, in the reader's language", () => {
    const described = describeProblem(i18n('vi'), apiError(409, { code: 'TASK_CLAIMED', detail: 'Task is claimed by another user' }));
    expect(described).toEqual({ title: catalog('vi')['error.conflict'], detail: catalog('vi')['problem.TASK_CLAIMED'], fields: [] });
    expect(describeProblem(i18n('vi'), apiError(403, { code: 'FOUR_EYES', detail: ENGLISH_DETAIL })).title).toBe(
      catalog('vi')['error.forbidden'],
    );
    expect(describeProblem(i18n('vi'), apiError(404, { code: 'NOT_FOUND' })).title).toBe(catalog('vi')['error.notFound']);
  });

  it('says nothing more than the title when the status message is all there is', () => {
    expect(describeProblem(i18n('vi'), apiError(400, { detail: 'comment too long' }))).toEqual({
      title: catalog('vi')['error.invalid'],
      fields: [],
    });
  });

  it('says "network" without the internal detail or field errors when the api was not reached', () => {
    const described = describeProblem(
      i18n('en'),
      apiError(0, { detail: 'TypeError: Failed to fetch', errors: [{ field: 'x', message: 'y' }] }),
    );
    expect(described).toEqual({ title: catalog('en')['error.network'], fields: [] });
  });

  it('lists field errors under their form labels, with the message their code gives them', () => {
    const described = describeProblem(
      i18n('vi'),
      apiError(400, {
        code: 'VALIDATION_FAILED',
        errors: [{ field: 'details.counterpart.country', message: 'country must be a valid ISO31661 Alpha2 code' }],
      }),
    );
    expect(described.fields).toEqual([
      {
        field: 'details.counterpart.country',
        label: catalog('vi')['field.details.counterpart.country'],
        message: 'country must be a valid ISO31661 Alpha2 code',
      },
    ]);
    const unusable = describeProblem(
      i18n('vi'),
      apiError(400, { code: 'ATTACHMENT_NOT_USABLE', errors: [{ field: 'attachmentIds.0', message: 'no attachment of yours' }] }),
    );
    expect(unusable.fields[0]!.message).toBe(catalog('vi')['problem.ATTACHMENT_NOT_USABLE']);
  });
});
