import { SendEmailCommand, type SESv2Client } from '@aws-sdk/client-sesv2';
import type { OwnerNotifier } from '../../core/ports.js';

/**
 * Owner notices through Amazon SES (API v2 `SendEmail`, plain text). The client is injected
 * (region, endpoint, tests). The stack lets the function send only from the configured identity.
 */
export function sesOwnerNotifier(client: SESv2Client): OwnerNotifier {
  return {
    async send(notice) {
      const result = await client.send(
        new SendEmailCommand({
          FromEmailAddress: notice.from,
          ...(notice.replyTo === undefined ? {} : { ReplyToAddresses: [notice.replyTo] }),
          Destination: { ToAddresses: [notice.to] },
          Content: { Simple: { Subject: { Data: notice.subject, Charset: 'UTF-8' }, Body: { Text: { Data: notice.text, Charset: 'UTF-8' } } } },
        }),
      );
      return { messageId: result.MessageId ?? '' };
    },
  };
}
