import { useI18n } from '../i18n/I18nProvider';
import { Button, Field, Input, Text, makeStyles, tokens } from '@fluentui/react-components';
import { AddRegular, DeleteRegular } from '@fluentui/react-icons';
import type { SupportLink } from '../api/types';
import { MAX_SUPPORT_LINKS, type FieldErrors } from './settingsModel';

const useStyles = makeStyles({
  fieldset: {
    border: `${tokens.strokeWidthThin} solid ${tokens.colorNeutralStroke2}`,
    borderRadius: tokens.borderRadiusMedium,
    padding: tokens.spacingHorizontalM,
    margin: 0,
    display: 'flex',
    flexDirection: 'column',
    gap: tokens.spacingVerticalS,
  },
  legend: { fontWeight: tokens.fontWeightSemibold, padding: `0 ${tokens.spacingHorizontalXS}` },
  hint: { color: tokens.colorNeutralForeground2 },
  row: {
    display: 'grid',
    gridTemplateColumns: 'minmax(8rem, 1fr) minmax(12rem, 2fr) auto',
    gap: tokens.spacingHorizontalS,
    alignItems: 'start',
    '@media (max-width: 600px)': { gridTemplateColumns: '1fr' },
  },
  remove: { marginTop: '26px', '@media (max-width: 600px)': { marginTop: 0, justifySelf: 'start' } },
  error: { color: tokens.colorPaletteRedForeground1 },
});

interface SupportLinksEditorProps {
  links: SupportLink[];
  errors: FieldErrors;
  onChange: (links: SupportLink[], edited: string) => void;
  disabled?: boolean;
}

/** Up to five employee-assistance or crisis links, shown to employees beside every practice. */
export function SupportLinksEditor({ links, errors, onChange, disabled }: SupportLinksEditorProps) {
  const styles = useStyles();
  const { t } = useI18n();
  const update = (index: number, patch: Partial<SupportLink>, edited: string) =>
    onChange(
      links.map((l, i) => (i === index ? { ...l, ...patch } : l)),
      edited,
    );
  const listErrors = errors.supportLinks ?? [];

  return (
    <fieldset className={styles.fieldset} data-testid="support-links">
      <legend className={styles.legend}>{t('links.legend')}</legend>
      <Text as="p" className={styles.hint} id="support-links-hint">
        {t('links.hint', { max: MAX_SUPPORT_LINKS })}
      </Text>
      {listErrors.length > 0 && (
        <Text as="p" className={styles.error} role="alert" data-testid="support-links-error">
          {listErrors.join(' ')}
        </Text>
      )}
      {links.length === 0 && <Text as="p">{t('links.none')}</Text>}
      {links.map((link, i) => {
        const titleErrors = [...(errors[`supportLinks[${i}].title`] ?? []), ...(errors[`supportLinks[${i}]`] ?? [])];
        const urlErrors = errors[`supportLinks[${i}].url`] ?? [];
        return (
          <div key={i} role="group" aria-label={t('links.group', { number: i + 1 })} className={styles.row} data-testid="support-link-row">
            <Field
              label={t('links.title')}
              validationState={titleErrors.length ? 'error' : 'none'}
              validationMessage={titleErrors.length ? titleErrors.join(' ') : undefined}
            >
              <Input
                value={link.title}
                disabled={disabled}
                onChange={(_, d) => update(i, { title: d.value }, `supportLinks[${i}].title`)}
              />
            </Field>
            <Field
              label={t('links.address')}
              validationState={urlErrors.length ? 'error' : 'none'}
              validationMessage={urlErrors.length ? urlErrors.join(' ') : undefined}
            >
              <Input
                type="url"
                inputMode="url"
                placeholder="https://"
                value={link.url}
                disabled={disabled}
                onChange={(_, d) => update(i, { url: d.value }, `supportLinks[${i}].url`)}
              />
            </Field>
            <Button
              className={styles.remove}
              icon={<DeleteRegular />}
              aria-label={link.title ? t('links.removeNamed', { number: i + 1, title: link.title }) : t('links.remove', { number: i + 1 })}
              disabled={disabled}
              onClick={() => onChange(links.filter((_, j) => j !== i), 'supportLinks')}
            />
          </div>
        );
      })}
      <div>
        <Button
          icon={<AddRegular />}
          disabled={disabled || links.length >= MAX_SUPPORT_LINKS}
          aria-describedby="support-links-hint"
          onClick={() => onChange([...links, { title: '', url: '' }], 'supportLinks')}
          data-testid="add-support-link"
        >
          {t('links.add')}

        </Button>
      </div>
    </fieldset>
  );
}
