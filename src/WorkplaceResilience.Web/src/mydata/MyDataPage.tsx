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

/** "My data": what the service keeps about the person, a copy of all of it, and deleting all of it. */
export function MyDataPage() {
  const styles = useStyles();
  const api = useApi();
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
      <h1 className={styles.h1}>My data</h1>
      <Text as="p" className={styles.text}>
        Only you can see this page and what it holds. Nobody else — not HR, not your manager, not the app’s admins — can
        see or download your data.
      </Text>

      <section className={styles.section} aria-labelledby="stored-heading">
        <h2 id="stored-heading" className={styles.h2}>
          What the app keeps about you
        </h2>
        <ul className={styles.list} data-testid="stored-list">
          <li>Your organisation’s ID and your Microsoft account ID, so that it can read your calendar and know it is you.</li>
          <li>
            Your department, office and country, so that HR can see totals for whole groups (never for a person). What
            was released about your groups is shown below.
          </li>
          <li>Your time zone, working hours and working days, and when your calendar was last read.</li>
          <li>
            The times in your calendar: when each meeting starts and ends, whether it shows you as busy, tentative, free
            or out of office, whether it lasts all day or was cancelled, and whether you accepted it. Each is kept with
            a scrambled form of the meeting’s ID that cannot be turned back into the meeting.
          </li>
          <li>The breaks offered to you: when, how long, why, which practice, and whether you took or skipped them.</li>
          <li>
            The practices you did: which one, how long, when, your answers to the check-in before and after (if you gave
            them), and whether you said it made you feel worse.
          </li>
        </ul>
        <Text as="p" className={styles.text}>
          Your records are deleted automatically after the period your organisation sets (90 days unless it chooses
          otherwise).
        </Text>
      </section>

      <section className={styles.section} aria-labelledby="never-heading">
        <h2 id="never-heading" className={styles.h2}>
          What the app never keeps
        </h2>
        <ul className={styles.list} data-testid="never-list">
          <li>Meeting titles, descriptions, locations, attendees or attachments — they are never even read.</li>
          <li>Your name, email address or job title. Your name comes from your sign-in and is not stored.</li>
          <li>The content of your mail, chats or files.</li>
        </ul>
      </section>

      <ReleasedAboutMe sectionClass={styles.section} />

      <section className={styles.section} aria-labelledby="download-heading">
        <h2 id="download-heading" className={styles.h2}>
          Get a copy
        </h2>
        <Text as="p" className={styles.text}>
          Download everything listed above, including every check-in answer, as a JSON file.
        </Text>
        <Button
          appearance="primary"
          icon={<ArrowDownloadRegular />}
          onClick={() => void download()}
          disabled={downloading}
          data-testid="mydata-download"
        >
          {downloading ? 'Preparing your file…' : 'Download my data'}
        </Button>
        <div aria-live="polite">
          {downloaded && (
            <Text as="p" className={styles.text} data-testid="mydata-downloaded">
              Your file {EXPORT_FILE_NAME} has been downloaded.
            </Text>
          )}
        </div>
        <ProblemBar error={downloadError} />
      </section>

      <section className={styles.section} aria-labelledby="delete-heading">
        <h2 id="delete-heading" className={styles.h2}>
          Delete my data
        </h2>
        {deleted ? (
          <MessageBar intent="success" layout="multiline" data-testid="mydata-deleted" role="status">
            <MessageBarBody>
              <MessageBarTitle>Everything the app kept about you has been deleted</MessageBarTitle>
              Your calendar times, breaks, practices and check-ins are gone for good. While your organisation uses the
              app, it starts again from nothing: at its next directory read (every few hours) it adds you back and reads
              your calendar’s times afresh — unless you turned breaks off in My settings, which stays as you chose.
            </MessageBarBody>
          </MessageBar>
        ) : (
          <>
            <Text as="p" className={styles.text}>
              Deletes everything listed above straight away, including your history and check-ins. It cannot be undone.
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
              Delete my data…
            </Button>
          </>
        )}
      </section>

      <Dialog open={open} onOpenChange={(_, d) => !deleting && setOpen(d.open)} modalType="alert">
        <DialogSurface data-testid="mydata-delete-dialog">
          <DialogBody>
            <DialogTitle>Delete everything the app keeps about you?</DialogTitle>
            <DialogContent className={styles.content}>
              <Text as="p" className={styles.text}>
                Your calendar times, the breaks offered to you, your practices and all your check-in answers are deleted
                at once. They cannot be brought back. If you want a copy, download it first.
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
                {deleting ? 'Deleting…' : 'Yes, delete all my data'}
              </Button>
              <Button disabled={deleting} onClick={() => setOpen(false)}>
                Keep my data
              </Button>
            </DialogActions>
          </DialogBody>
        </DialogSurface>
      </Dialog>
    </div>
  );
}
