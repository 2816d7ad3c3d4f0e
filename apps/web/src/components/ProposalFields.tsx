import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { countryOptions } from '../lib/countries';
import { formatVnd, parseAmount } from '../lib/format';
import {
  COMMON_SECTION,
  SECTIONS,
  isActive,
  type FieldSpec,
  type FormValue,
  type FormValues,
  type Kind,
  type Section,
} from '../lib/proposal-schema';
import type { Agreement } from '../lib/types';
import type { Issue } from '../lib/validation';
import { Checkbox, CheckboxGroup, SelectField, TextField, fieldId, useIssueText } from './form';

interface Props {
  kind: Kind;
  values: FormValues;
  onChange: (path: string, value: FormValue) => void;
  issues: Issue[];
  /** Title, summary, procedure and urgency; a RESUBMIT shows title and summary only. */
  common?: 'all' | 'titleOnly' | 'none';
  agreements?: Agreement[];
}

/** The sections of one proposal kind, generated from the schema the validation uses. */
export function ProposalFields({ kind, values, onChange, issues, common = 'all', agreements = [] }: Props) {
  const { t, i18n } = useTranslation();
  const issueText = useIssueText();
  const countries = useMemo(() => countryOptions(i18n.language), [i18n.language]);
  const errorOf = (path: string) => {
    const issue = issues.find((i) => i.field === path);
    return issue ? issueText(issue) : undefined;
  };
  const commonSection: Section | null =
    common === 'none'
      ? null
      : common === 'titleOnly'
        ? { ...COMMON_SECTION, fields: COMMON_SECTION.fields.filter((f) => f.path === 'title' || f.path === 'summary') }
        : COMMON_SECTION;
  const sections = [...(commonSection ? [commonSection] : []), ...SECTIONS[kind]];

  const render = (spec: FieldSpec) => {
    if (!isActive(spec, values)) return null;
    const path = spec.path;
    const fieldLabel = t(`field.${path}`);
    const hintKey = `hint.${path}`;
    const hint = i18n.exists(hintKey) ? t(hintKey) : undefined;
    const error = errorOf(path);
    const str = typeof values[path] === 'string' ? (values[path] as string) : '';
    const set = (v: FormValue) => onChange(path, v);
    switch (spec.type) {
      case 'text':
        return (
          <TextField
            key={path}
            path={path}
            label={fieldLabel}
            hint={hint}
            error={error}
            required={!spec.optional}
            optional={spec.optional}
            value={str}
            onChange={set}
            multiline={spec.multiline}
            wide={spec.max >= 500}
          />
        );
      case 'int':
        return (
          <TextField
            key={path}
            path={path}
            label={fieldLabel}
            hint={hint ?? t('hint.range', { min: spec.min, max: spec.max })}
            error={error}
            required
            value={str}
            onChange={set}
            inputMode="numeric"
          />
        );
      case 'amount': {
        const n = parseAmount(str);
        const preview = n !== null ? formatVnd(n, i18n.language) : '';
        return (
          <TextField
            key={path}
            path={path}
            label={fieldLabel}
            hint={
              <>
                {t('hint.amount')}
                {preview ? (
                  <>
                    {' '}
                    <output className="amount-preview" htmlFor={fieldId(path)}>
                      = {preview}
                    </output>
                  </>
                ) : null}
              </>
            }
            error={error}
            required
            value={str}
            onChange={set}
            inputMode="numeric"
          />
        );
      }
      case 'date':
        return (
          <TextField
            key={path}
            path={path}
            label={fieldLabel}
            hint={t('hint.date')}
            error={error}
            required
            value={str}
            onChange={set}
            placeholder={t('hint.datePlaceholder')}
            inputMode="numeric"
          />
        );
      case 'languages':
        return <TextField key={path} path={path} label={fieldLabel} hint={hint} error={error} required value={str} onChange={set} />;
      case 'select':
      case 'country':
        return (
          <SelectField
            key={path}
            path={path}
            label={fieldLabel}
            hint={hint}
            error={error}
            required
            value={spec.type === 'country' ? str.toUpperCase() : str}
            onChange={set}
            placeholder={t('form.choose')}
            options={
              spec.type === 'country'
                ? countries.map((c) => ({ value: c.code, label: `${c.name} (${c.code})` }))
                : spec.options.map((o) => ({ value: o, label: t(`${spec.labels}.${o}`, { defaultValue: o }) }))
            }
          />
        );
      case 'multi':
        return (
          <CheckboxGroup
            key={path}
            path={path}
            legend={fieldLabel}
            hint={hint}
            error={error}
            required
            value={Array.isArray(values[path]) ? (values[path] as string[]) : []}
            onChange={set}
            options={spec.options.map((o) => ({ value: o, label: t(`${spec.labels}.${o}`, { defaultValue: o }) }))}
          />
        );
      case 'bool':
        return (
          <Checkbox key={path} path={path} label={fieldLabel} hint={hint} error={error} checked={values[path] === true} onChange={set} />
        );
      case 'agreement':
        return (
          <div key={path}>
            <TextField
              path={path}
              label={fieldLabel}
              hint={t('hint.details.relatedAgreementId')}
              error={error}
              required
              value={str}
              onChange={set}
            />
            {agreements.length ? (
              <SelectField
                path={`${path}.pick`}
                label={t('form.pickAgreement')}
                value={agreements.some((a) => a.id === str) ? str : ''}
                onChange={set}
                placeholder={t('form.choose')}
                options={agreements.map((a) => ({ value: a.id, label: `${a.number ?? a.proposalReference} — ${a.title}` }))}
              />
            ) : null}
          </div>
        );
    }
  };

  return (
    <>
      {sections.map((section) => (
        <fieldset key={section.legend} className="form-section">
          <legend>{t(section.legend)}</legend>
          {section.legend === 'section.flags' ? <p className="hint">{t('hint.flags')}</p> : null}
          <div className={section.legend === 'section.flags' ? 'flags-grid' : 'fields'}>{section.fields.map(render)}</div>
        </fieldset>
      ))}
    </>
  );
}
