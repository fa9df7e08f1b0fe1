import { writeFile } from 'node:fs/promises';
import { SNSClient } from '@aws-sdk/client-sns';
import { SnsReportPublisher } from '../../lambdas/adapters/report/sns-report-publisher.js';
import { renderReportSubject } from '../../lambdas/core/report/render-report-subject.js';
import { renderTextReport } from '../../lambdas/core/report/render-text-report.js';
import type { RunReport } from '../../lambdas/core/report/run-report.js';
import type { PublishedReport } from '../../lambdas/core/ports.js';
import { knownSecrets } from '../../lambdas/core/known-secrets.js';
import type { CliIo } from './cli-io.js';

/**
 * The readable report on stdout; with --json the RunReport as JSON; with --topic-arn the same
 * SNS message the Lambda publishes. A JSON write or publish failure is an error the caller maps
 * to an exit code; the report has already been printed by then, so nothing is lost.
 * Every form is made from the report scrubbed of known secrets, before any text is cut.
 * Resolves to the publish SNS accepted, when there was one.
 */
export async function deliverReport(raw: RunReport, options: { json?: string; topicArn?: string }, io: CliIo): Promise<PublishedReport | undefined> {
  const report = knownSecrets.redactDeep(raw);
  io.stdout.write(renderTextReport(report));
  if (options.json) await writeFile(options.json, `${JSON.stringify(report, null, 2)}\n`, 'utf8');
  if (options.topicArn) {
    const publisher = new SnsReportPublisher({
      sns: new SNSClient({ ...io.aws }),
      topicArn: options.topicArn,
      render: { subject: renderReportSubject, text: renderTextReport },
      logger: { error: (message) => io.stderr.write(`[error] ${message}\n`) },
    });
    return publisher.publish(report);
  }
  return undefined;
}
