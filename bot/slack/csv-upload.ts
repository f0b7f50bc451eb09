import { m, t } from '../../commands/messages.ts';
import { csvFileOf } from '../../commands/table-csv.ts';
import type { View } from '../../commands/view.ts';
import type { ChartUploadDeps } from './chart-upload.ts';
import { slackErrorCode } from './chart-upload.ts';
import { sm } from './messages.ts';
import { escapeMrkdwn } from './mrkdwn.ts';

/** Where the CSV button was pressed, and the card its command gave again. */
export interface CsvTarget {
  view: View;
  /** The command behind the card: the file is named `<fund>-<command>-<asof>.csv`. */
  command: string;
  channelId: string | null;
  threadTs?: string;
  responseUrl: string;
}

export type CsvOutcome = 'uploaded' | 'no-table' | 'fallback';

/**
 * Uploads a card's table as a CSV file (the bytes `--csv` prints) into the channel or thread the
 * button sits in, by the same files.uploadV2 path as charts (getUploadURLExternal, the bytes,
 * completeUploadExternal). A card without a table, a missing token or channel, or a failed upload
 * gets one ephemeral line to the presser saying so and why. Never throws.
 */
export async function shareCsv(target: CsvTarget, deps: Omit<ChartUploadDeps, 'render'>): Promise<CsvOutcome> {
  const { view, channelId } = target;
  const file = csvFileOf(view, target.command);
  const say = async (text: string) => {
    try {
      await deps.post(target.responseUrl, { replace_original: false, response_type: 'ephemeral', text });
    } catch (error) {
      deps.log.error({ error: error instanceof Error ? error.message : String(error) }, 'slack: CSV line failed');
    }
  };
  if (!file) {
    await say(t(view.lang, m.noCsvTable()));
    return 'no-table';
  }
  const reason = !deps.hasToken ? 'no_bot_token' : !channelId ? 'no_channel' : null;
  if (reason) {
    await say(sm.csvUnavailable(view.lang, reason));
    return 'fallback';
  }
  try {
    const destination = target.threadTs ? { channel_id: channelId!, thread_ts: target.threadTs } : { channel_id: channelId! };
    await deps.client.filesUploadV2({
      ...destination,
      file: file.bytes,
      filename: file.name,
      title: file.name,
      // The funds' issuers, files and as-of dates: the CSV itself has no place for them.
      initial_comment: escapeMrkdwn(file.message),
    });
    return 'uploaded';
  } catch (error) {
    const code = slackErrorCode(error);
    deps.log.error({ channel: channelId, code }, 'slack: CSV upload failed');
    await say(sm.csvUnavailable(view.lang, code));
    return 'fallback';
  }
}
