import { PublishCommand, type SNSClient } from '@aws-sdk/client-sns';
import type { PublishedReport, ReportPublisher } from '../../core/ports.js';
import type { RunReport } from '../../core/report/run-report.js';
import { buildReportMessage, SNS_MESSAGE_BUDGET } from './build-report-message.js';
import { reportLogLines } from './report-log-lines.js';
import type { ReportRenderer } from './report-renderer.js';
import { attributesBytes, reportAttributes } from './report-attributes.js';
import { errorMessage } from '../../core/error-message.js';
import { knownSecrets } from '../../core/known-secrets.js';

export type { ReportRenderer } from './report-renderer.js';

/** Powertools Logger and the core's RunLogger both fit. `warn` is used for truncation notices. */
export interface PublisherLogger {
  error(message: string, extra?: object): void;
  warn?(message: string, extra?: object): void;
}

export interface SnsReportPublisherOptions {
  /** Constructed by the composition root, so region, endpoint and retries follow the SDK's config. */
  readonly sns: SNSClient;
  readonly topicArn: string;
  readonly render: ReportRenderer;
  /** @default JSON lines on stderr */
  readonly logger?: PublisherLogger;
  /** @default SNS_MESSAGE_BUDGET (250,000 UTF-8 bytes) */
  readonly maxBytes?: number;
}

/**
 * Publishes each run's report as ONE SNS message (MessageStructure "json"): text for email,
 * the RunReport JSON for SQS/Lambda/HTTPS subscribers, with the attributes subscription filter
 * policies match on (see report-attributes.ts). The SDK retries (its maxAttempts); if it
 * still fails, the full report goes to the logs so nothing is lost (in parts under CloudWatch's
 * 256 KB per line when it is bigger), and the error is rethrown so the invocation fails and
 * alarms fire.
 */
export class SnsReportPublisher implements ReportPublisher {
  readonly #options: Required<Omit<SnsReportPublisherOptions, 'logger'>> & { logger: PublisherLogger };

  constructor(options: SnsReportPublisherOptions) {
    if (!options.topicArn) throw new Error('SnsReportPublisher needs a topicArn (set REPORT_TOPIC_ARN)');
    this.#options = { maxBytes: SNS_MESSAGE_BUDGET, logger: stderrLogger, ...options };
  }

  async publish(raw: RunReport): Promise<PublishedReport> {
    const { sns, topicArn, render, logger, maxBytes } = this.#options;
    // Scrubbed before rendering and cutting: a cut must never leave half a secret behind.
    const report = knownSecrets.redactDeep(raw);
    try {
      const attributes = reportAttributes(report);
      // SNS counts the attributes into the message size: the text and JSON get what is left.
      const { subject, message, omittedActions } = buildReportMessage(report, render, maxBytes - attributesBytes(attributes));
      if (omittedActions > 0) {
        // The emailed report says "the full report is in the logs": these lines make that true.
        const warn = (logger.warn ?? logger.error).bind(logger);
        for (const line of reportLogLines(report, { reportId: report.reportId, omittedActions })) {
          warn('report truncated for SNS; full report attached', line);
        }
      }
      const published = await sns.send(
        new PublishCommand({
          TopicArn: topicArn,
          Subject: subject,
          MessageStructure: 'json',
          Message: message,
          MessageAttributes: attributes,
        }),
      );
      return { topicArn, ...(published.MessageId ? { messageId: published.MessageId } : {}) };
    } catch (error) {
      const extra = { reportId: report.reportId, topicArn, error: { name: errorName(error), message: knownSecrets.redact(errorMessage(error)) } };
      for (const line of reportLogLines(report, extra)) logger.error('report publish failed', line);
      throw error;
    }
  }
}

function errorName(error: unknown): string {
  return error instanceof Error ? error.name : typeof error;
}

const stderrLogger: PublisherLogger = {
  error: (message, extra) => console.error(JSON.stringify({ level: 'ERROR', message, ...extra })),
  warn: (message, extra) => console.error(JSON.stringify({ level: 'WARN', message, ...extra })),
};
