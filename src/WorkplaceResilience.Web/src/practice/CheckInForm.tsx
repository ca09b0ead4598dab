import type { MessageKey } from '../i18n/lookup';
import { useI18n } from '../i18n/I18nProvider';
import { Field, Radio, RadioGroup, makeStyles, tokens } from '@fluentui/react-components';
import type { CheckIn } from '../api/types';

export type CheckInDraft = Partial<CheckIn>;

export const CHECK_IN_ITEMS: { key: keyof CheckIn; label: MessageKey }[] = [
  { key: 'selfKindness', label: 'checkin.selfKindness' },
  { key: 'selfCriticism', label: 'checkin.selfCriticism' },
  { key: 'tension', label: 'checkin.tension' },
];

const SCALE = [1, 2, 3, 4, 5] as const;

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
  hint: { color: tokens.colorNeutralForeground2, margin: 0 },
});

export function isComplete(draft: CheckInDraft): draft is CheckIn {
  return CHECK_IN_ITEMS.every(({ key }) => typeof draft[key] === 'number');
}

export function isEmpty(draft: CheckInDraft): boolean {
  return CHECK_IN_ITEMS.every(({ key }) => draft[key] === undefined);
}

interface CheckInFormProps {
  legend: string;
  value: CheckInDraft;
  onChange: (value: CheckInDraft) => void;
  idPrefix: string;
}

/** Three 1–5 items; every answer is optional and private to the person. */
export function CheckInForm({ legend, value, onChange, idPrefix }: CheckInFormProps) {
  const styles = useStyles();
  const { t } = useI18n();
  return (
    <fieldset className={styles.fieldset}>
      <legend className={styles.legend}>{legend}</legend>
      <p className={styles.hint}>{t('checkin.scale')}</p>
      {CHECK_IN_ITEMS.map(({ key, label }) => (
        <Field key={key} label={t(label)} id={`${idPrefix}-${key}`}>

          <RadioGroup
            layout="horizontal"
            value={value[key] === undefined ? '' : String(value[key])}
            onChange={(_, data) => onChange({ ...value, [key]: Number(data.value) })}
          >
            {SCALE.map((n) => (
              <Radio key={n} value={String(n)} label={String(n)} />
            ))}
          </RadioGroup>
        </Field>
      ))}
    </fieldset>
  );
}
