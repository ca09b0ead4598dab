import { useI18n } from '../i18n/I18nProvider';
import { useState } from 'react';
import { Button, Spinner, Text, makeStyles, tokens } from '@fluentui/react-components';
import { useApi } from '../api/ApiContext';
import type { Summary } from '../api/types';
import { SummaryTable } from '../hr/SummaryTable';
import { ProblemBar } from '../shell/ProblemBar';

const useStyles = makeStyles({
  text: { margin: 0 },
  h2: { margin: 0, fontSize: tokens.fontSizeBase500, lineHeight: tokens.lineHeightBase500 },
});

/** Transparency: exactly what HR was shown about the groups this person belongs to, on request. */
export function ReleasedAboutMe({ sectionClass }: { sectionClass: string }) {
  const styles = useStyles();
  const api = useApi();
  const { t } = useI18n();
  const [report, setReport] = useState<Summary | null>(null);
  const [loading, setLoading] = useState(false);
  const [error, setError] = useState<unknown>(null);

  async function load() {
    setLoading(true);
    setError(null);
    try {
      setReport(await api.myReports());
    } catch (e) {
      setError(e);
    } finally {
      setLoading(false);
    }
  }

  return (
    <section className={sectionClass} aria-labelledby="released-heading" data-testid="released-about-me">
      <h2 id="released-heading" className={styles.h2}>
        {t('released.title')}
      </h2>
      <Text as="p" className={styles.text}>
        {t('released.text')}
      </Text>
      {report ? (
        <SummaryTable summary={report} caption={t('released.caption')} />
      ) : loading ? (
        <Spinner size="tiny" label={t('released.loading')} />
      ) : (
        <Button onClick={() => void load()} data-testid="released-show">
          {t('released.show')}

        </Button>
      )}
      <ProblemBar error={error} />
    </section>
  );
}
