import { PublishCommand, type SNSClient } from '@aws-sdk/client-sns';
import { errorMessage } from '../../core/error-message.js';
import { knownSecrets } from '../../core/known-secrets.js';
import type { ReportPublisher } from '../../core/ports.js';
import { renderChatNotification } from '../../core/report/render-chat-notification.js';
import type { RunReport } from '../../core/report/run-report.js';

export interface SnsChatPublisherOptions {
  readonly sns: SNSClient;
  /** A topic mapped to a Slack or Teams channel in Amazon Q Developer in chat applications. */
  readonly topicArn: string;
  readonly logger: { warn(message: string, extra?: object): void };
  /** Counted when a message does not get through. */
  readonly onFailure?: () => void;
}

/**
 * Posts a short notice of each run to a team channel. Best effort by design: the email report is
 * the record, so a chat topic that refuses (deleted, a key the function may not use) is a warning
 * and a metric, never a failed run. The message is built from the report scrubbed of known secrets.
 */
export class SnsChatPublisher implements ReportPublisher {
  readonly #options: SnsChatPublisherOptions;

  constructor(options: SnsChatPublisherOptions) {
    this.#options = options;
  }

  async publish(report: RunReport): Promise<void> {
    const { sns, topicArn, logger, onFailure } = this.#options;
    try {
      const message = JSON.stringify(renderChatNotification(knownSecrets.redactDeep(report)));
      await sns.send(new PublishCommand({ TopicArn: topicArn, Message: message }));
    } catch (error) {
      logger.warn('chat notification not sent; the emailed report is unaffected', { topicArn, error: knownSecrets.redact(errorMessage(error)) });
      onFailure?.();
    }
  }
}
