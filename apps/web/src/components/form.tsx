import { useEffect, useRef, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { Issue } from '../lib/validation';

/** The element id of a field path: `details.counterpart.name` -> `f-details-counterpart-name`. */
export const fieldId = (path: string) => `f-${path.replace(/[^A-Za-z0-9]+/g, '-')}`;

export function useIssueText(): (issue: Issue) => string {
  const { t } = useTranslation();
  return (issue) => (issue.key ? t(issue.key, issue.params ?? {}) : (issue.message ?? ''));
}

interface BaseProps {
  path: string;
  label: string;
  hint?: ReactNode;
  error?: string;
  required?: boolean;
  /** Marks the label "(optional)"; filters and other plain controls set neither this nor `required`. */
  optional?: boolean;
  /** Spans the whole row of a two-column section (long single-line answers such as a title). */
  wide?: boolean;
}

function Marker({ required, optional }: { required?: boolean; optional?: boolean }) {
  const { t } = useTranslation();
  if (required)
    return (
      <span className="required" aria-hidden="true">
        {' '}
        *
      </span>
    );
  return optional ? <span className="optional"> ({t('form.optional')})</span> : null;
}

/** A field's hint, with the id its control's aria-describedby names. */
export function FieldHint({ path, hint }: { path: string; hint?: ReactNode }) {
  return hint ? (
    <div className="hint" id={`${fieldId(path)}-hint`}>
      {hint}
    </div>
  ) : null;
}

/** A field's error, with the id its control's aria-describedby names. */
export function FieldError({ path, error }: { path: string; error?: ReactNode }) {
  return error ? (
    <div className="field-error" id={`${fieldId(path)}-error`}>
      {error}
    </div>
  ) : null;
}

/** Label, hint and error tied to the control (aria-describedby), error announced with the field's name. */
function Frame({ path, label, hint, error, required, optional, wide, children }: BaseProps & { children: ReactNode }) {
  const id = fieldId(path);
  return (
    <div className={`field${wide ? ' field-wide' : ''}${error ? ' field-invalid' : ''}`}>
      <label htmlFor={id}>
        {label}
        <Marker required={required} optional={optional} />
      </label>
      <FieldHint path={path} hint={hint} />
      {children}
      <FieldError path={path} error={error} />
    </div>
  );
}

function describedBy(path: string, hint: unknown, error: unknown): string | undefined {
  const id = fieldId(path);
  const ids = [hint ? `${id}-hint` : '', error ? `${id}-error` : ''].filter(Boolean);
  return ids.length ? ids.join(' ') : undefined;
}

export function TextField(
  props: BaseProps & {
    value: string;
    onChange: (v: string) => void;
    multiline?: boolean;
    inputMode?: 'numeric' | 'text';
    placeholder?: string;
    autoComplete?: string;
    type?: string;
  },
) {
  const { path, value, onChange, multiline, hint, error, required } = props;
  const common = {
    id: fieldId(path),
    name: path,
    value,
    'aria-invalid': error ? true : undefined,
    'aria-required': required || undefined,
    'aria-describedby': describedBy(path, hint, error),
  };
  return (
    <Frame {...props}>
      {multiline ? (
        <textarea {...common} rows={4} onChange={(e) => onChange(e.target.value)} />
      ) : (
        <input
          {...common}
          type={props.type ?? 'text'}
          inputMode={props.inputMode}
          placeholder={props.placeholder}
          autoComplete={props.autoComplete ?? 'off'}
          onChange={(e) => onChange(e.target.value)}
        />
      )}
    </Frame>
  );
}

/** One file (`accept` says which types); the chosen file, or null when the choice is cleared. */
export function FileField(props: BaseProps & { accept: string; name?: string; onChange: (file: File | null) => void }) {
  const { path, hint, error, required } = props;
  return (
    <Frame {...props}>
      <input
        id={fieldId(path)}
        name={props.name ?? path}
        type="file"
        accept={props.accept}
        aria-required={required || undefined}
        aria-invalid={error ? true : undefined}
        aria-describedby={describedBy(path, hint, error)}
        onChange={(e) => props.onChange(e.target.files?.[0] ?? null)}
      />
    </Frame>
  );
}

export function SelectField(
  props: BaseProps & { value: string; onChange: (v: string) => void; options: { value: string; label: string }[]; placeholder?: string },
) {
  const { path, value, onChange, options, hint, error, required, placeholder } = props;
  return (
    <Frame {...props}>
      <select
        id={fieldId(path)}
        name={path}
        value={value}
        aria-invalid={error ? true : undefined}
        aria-required={required || undefined}
        aria-describedby={describedBy(path, hint, error)}
        onChange={(e) => onChange(e.target.value)}
      >
        {placeholder !== undefined ? <option value="">{placeholder}</option> : null}
        {options.map((o) => (
          <option key={o.value} value={o.value}>
            {o.label}
          </option>
        ))}
      </select>
    </Frame>
  );
}

/** A group of checkboxes under a legend; the first box carries the group's id so the error summary can focus it. */
export function CheckboxGroup(props: {
  path: string;
  legend: string;
  hint?: ReactNode;
  error?: string;
  value: string[];
  options: { value: string; label: string }[];
  onChange: (v: string[]) => void;
  required?: boolean;
}) {
  const { path, legend, hint, error, value, options, onChange, required } = props;
  const id = fieldId(path);
  return (
    <fieldset className={`field checkbox-group${error ? ' field-invalid' : ''}`} aria-describedby={describedBy(path, hint, error)}>
      <legend>
        {legend}
        <Marker required={required} />
      </legend>
      <FieldHint path={path} hint={hint} />
      <div className="checkbox-grid">
        {options.map((o, i) => (
          <label key={o.value} className="checkbox">
            <input
              type="checkbox"
              id={i === 0 ? id : `${id}-${o.value}`}
              name={path}
              value={o.value}
              checked={value.includes(o.value)}
              aria-invalid={error ? true : undefined}
              onChange={(e) => onChange(e.target.checked ? [...value, o.value] : value.filter((v) => v !== o.value))}
            />
            <span>{o.label}</span>
          </label>
        ))}
      </div>
      <FieldError path={path} error={error} />
    </fieldset>
  );
}

export function Checkbox({
  path,
  label,
  checked,
  onChange,
  hint,
  error,
}: {
  path: string;
  label: string;
  checked: boolean;
  onChange: (v: boolean) => void;
  hint?: ReactNode;
  error?: string;
}) {
  const id = fieldId(path);
  return (
    <div className={`field field-checkbox${error ? ' field-invalid' : ''}`}>
      <label className="checkbox">
        <input
          type="checkbox"
          id={id}
          name={path}
          checked={checked}
          aria-describedby={describedBy(path, hint, error)}
          onChange={(e) => onChange(e.target.checked)}
        />
        <span>{label}</span>
      </label>
      <FieldHint path={path} hint={hint} />
      <FieldError path={path} error={error} />
    </div>
  );
}

/**
 * The list of problems at the top of a form after a failed send: focused, so it is read out, and each entry
 * moves focus to its field.
 */
export function ErrorSummary({ issues, labelOf, version }: { issues: Issue[]; labelOf: (path: string) => string; version: number }) {
  const { t } = useTranslation();
  const text = useIssueText();
  const ref = useRef<HTMLDivElement>(null);
  useEffect(() => {
    if (issues.length) ref.current?.focus();
  }, [version, issues.length]);
  if (!issues.length) return null;
  return (
    <div ref={ref} className="error-summary" role="alert" tabIndex={-1} aria-labelledby="error-summary-title">
      <h2 id="error-summary-title">{t('form.errorSummary', { count: issues.length })}</h2>
      <ul>
        {issues.map((issue, i) => (
          <li key={`${issue.field}-${i}`}>
            <a
              href={`#${fieldId(issue.field)}`}
              onClick={(e) => {
                e.preventDefault();
                const el = document.getElementById(fieldId(issue.field));
                el?.focus();
                el?.scrollIntoView({ block: 'center' });
              }}
            >
              {labelOf(issue.field)}: {text(issue)}
            </a>
          </li>
        ))}
      </ul>
    </div>
  );
}
