import { useI18n } from '../i18n/I18nProvider';
import type { MessageKey } from '../i18n/lookup';
import { useState } from 'react';
import {
  Button,
  Dialog,
  DialogActions,
  DialogBody,
  DialogContent,
  DialogSurface,
  DialogTitle,
  MessageBar,
  MessageBarBody,
  MessageBarTitle,
  Text,
  makeStyles,
  tokens,
} from '@fluentui/react-components';
import { ArrowDownloadRegular, DeleteRegular } from '@fluentui/react-icons';
import { useApi } from '../api/ApiContext';
import { ProblemBar } from '../shell/ProblemBar';
import { ReleasedAboutMe } from './ReleasedAboutMe';

export const EXPORT_FILE_NAME = 'workplace-resilience-my-data.json';

const useStyles = makeStyles({
  stack: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalL },
  h1: { margin: 0, fontSize: tokens.fontSizeHero700, lineHeight: tokens.lineHeightHero700 },
  h2: { margin: 0, fontSize: tokens.fontSizeBase500, lineHeight: tokens.lineHeightBase500 },
  section: {
    display: 'flex',
    flexDirection: 'column',
    gap: tokens.spacingVerticalS,
    alignItems: 'flex-start',
    padding: tokens.spacingHorizontalL,
    borderRadius: tokens.borderRadiusMedium,
    border: `${tokens.strokeWidthThin} solid ${tokens.colorNeutralStroke2}`,
    backgroundColor: tokens.colorNeutralBackground1,
  },
  text: { margin: 0 },
  list: { margin: 0, paddingLeft: tokens.spacingHorizontalXL, display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalXS },
  content: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalM },
  danger: {
    backgroundColor: tokens.colorPaletteRedBackground3,
    color: tokens.colorNeutralForegroundOnBrand,
    ':hover': { backgroundColor: tokens.colorPaletteRedForeground1, color: tokens.colorNeutralForegroundOnBrand },
  },
});

/** Saves a blob under a file name, as a link the browser downloads would. */
function saveFile(blob: Blob, fileName: string) {
  const url = URL.createObjectURL(blob);
  const link = document.createElement('a');
  link.href = url;
  link.download = fileName;
  link.hidden = true;
  document.body.appendChild(link);
  link.click();
  link.remove();
  // Revoked after the click has been handled: some browsers read the URL asynchronously.
  setTimeout(() => URL.revokeObjectURL(url), 1000);
}

const STORED: MessageKey[] = [
  'mydata.stored.ids',
  'mydata.stored.groups',
  'mydata.stored.zone',
  'mydata.stored.times',
  'mydata.stored.offers',
  'mydata.stored.practices',
];
const NEVER_STORED: MessageKey[] = ['mydata.never.meetings', 'mydata.never.name', 'mydata.never.content'];

/** "My data": what the service keeps about the person, a copy of all of it, and deleting all of it. */
export function MyDataPage() {
  const styles = useStyles();
  const api = useApi();
  const { t } = useI18n();
  const [downloading, setDownloading] = useState(false);
  const [downloaded, setDownloaded] = useState(false);
  const [downloadError, setDownloadError] = useState<unknown>(null);
  const [open, setOpen] = useState(false);
  const [deleting, setDeleting] = useState(false);
  const [deleteError, setDeleteError] = useState<unknown>(null);
  const [deleted, setDeleted] = useState(false);

  async function download() {
    setDownloading(true);
    setDownloadError(null);
    setDownloaded(false);
    try {
      saveFile(await api.exportMyData(), EXPORT_FILE_NAME);
      setDownloaded(true);
    } catch (e) {
      setDownloadError(e);
    } finally {
      setDownloading(false);
    }
  }

  async function remove() {
    setDeleting(true);
    setDeleteError(null);
    try {
      await api.deleteMyData();
      setOpen(false);
      setDeleted(true);
    } catch (e) {
      setDeleteError(e);
    } finally {
      setDeleting(false);
    }
  }

  return (
    <div className={styles.stack}>
      <h1 className={styles.h1}>{t('mydata.title')}</h1>
      <Text as="p" className={styles.text}>
        {t('mydata.intro')}
      </Text>

      <section className={styles.section} aria-labelledby="stored-heading">
        <h2 id="stored-heading" className={styles.h2}>
          {t('mydata.stored')}
        </h2>
        <ul className={styles.list} data-testid="stored-list">
          {STORED.map((key) => (
            <li key={key}>{t(key)}</li>
          ))}
        </ul>
        <Text as="p" className={styles.text}>
          {t('mydata.retention')}
        </Text>
      </section>

      <section className={styles.section} aria-labelledby="never-heading">
        <h2 id="never-heading" className={styles.h2}>
          {t('mydata.never')}
        </h2>
        <ul className={styles.list} data-testid="never-list">
          {NEVER_STORED.map((key) => (
            <li key={key}>{t(key)}</li>
          ))}
        </ul>
      </section>

      <ReleasedAboutMe sectionClass={styles.section} />

      <section className={styles.section} aria-labelledby="download-heading">
        <h2 id="download-heading" className={styles.h2}>
          {t('mydata.copy')}
        </h2>
        <Text as="p" className={styles.text}>
          {t('mydata.copyText')}
        </Text>
        <Button
          appearance="primary"
          icon={<ArrowDownloadRegular />}
          onClick={() => void download()}
          disabled={downloading}
          data-testid="mydata-download"
        >
          {t(downloading ? 'mydata.preparing' : 'mydata.download')}
        </Button>
        <div aria-live="polite">
          {downloaded && (
            <Text as="p" className={styles.text} data-testid="mydata-downloaded">
              {t('mydata.downloaded', { file: EXPORT_FILE_NAME })}
            </Text>
          )}
        </div>
        <ProblemBar error={downloadError} />
      </section>

      <section className={styles.section} aria-labelledby="delete-heading">
        <h2 id="delete-heading" className={styles.h2}>
          {t('mydata.delete')}
        </h2>
        {deleted ? (
          <MessageBar intent="success" layout="multiline" data-testid="mydata-deleted" role="status">
            <MessageBarBody>
              <MessageBarTitle>{t('mydata.deletedTitle')}</MessageBarTitle>
              {t('mydata.deletedText')}
            </MessageBarBody>
          </MessageBar>
        ) : (
          <>
            <Text as="p" className={styles.text}>
              {t('mydata.deleteText')}
            </Text>
            <Button
              icon={<DeleteRegular />}
              className={styles.danger}
              onClick={() => {
                setDeleteError(null);
                setOpen(true);
              }}
              data-testid="mydata-delete"
            >
              {t('mydata.deleteButton')}
            </Button>
          </>
        )}
      </section>

      <Dialog open={open} onOpenChange={(_, d) => !deleting && setOpen(d.open)} modalType="alert">
        <DialogSurface data-testid="mydata-delete-dialog">
          <DialogBody>
            <DialogTitle>{t('mydata.dialogTitle')}</DialogTitle>
            <DialogContent className={styles.content}>
              <Text as="p" className={styles.text}>
                {t('mydata.dialogText')}
              </Text>
              <ProblemBar error={deleteError} />
            </DialogContent>
            <DialogActions>
              <Button
                className={styles.danger}
                disabled={deleting}
                onClick={() => void remove()}
                data-testid="mydata-delete-confirm"
              >
                {t(deleting ? 'mydata.deleting' : 'mydata.confirm')}
              </Button>
              <Button disabled={deleting} onClick={() => setOpen(false)}>
                {t('mydata.keep')}
              </Button>
            </DialogActions>
          </DialogBody>
        </DialogSurface>
      </Dialog>
    </div>
  );
}
