import type { MotoServer } from './moto-server.js';
import { uniqueName } from './moto-server.js';

/**
 * Creates a Lambda function (and the IAM role moto insists it has) in moto and returns its ARN,
 * for code that hands a function ARN to AWS, as `RotateSecret` needs: moto refuses an ARN it does
 * not know. The project has no Lambda or IAM SDK client, and needs none for this: moto checks no
 * signature, only the service named in the Authorization header, so two plain requests do. Under
 * startMoto's stub runtime the function never runs code; invoking it returns the payload.
 */
export async function createMotoLambdaFunction(moto: MotoServer, name = uniqueName('fn')): Promise<string> {
  const role = await call(moto, 'iam', '/', 'application/x-www-form-urlencoded', new URLSearchParams({
    Action: 'CreateRole',
    Version: '2010-05-08',
    RoleName: name,
    AssumeRolePolicyDocument: JSON.stringify({
      Version: '2012-10-17',
      Statement: [{ Effect: 'Allow', Principal: { Service: 'lambda.amazonaws.com' }, Action: 'sts:AssumeRole' }],
    }),
  }).toString());
  const roleArn = /<Arn>([^<]+)<\/Arn>/.exec(role)?.[1];
  if (!roleArn) throw new Error(`moto CreateRole answered without an ARN: ${role}`);
  const fn = await call(moto, 'lambda', '/2015-03-31/functions', 'application/json', JSON.stringify({
    FunctionName: name,
    Runtime: 'nodejs22.x',
    Role: roleArn,
    Handler: 'index.handler',
    Code: { ZipFile: Buffer.from('never runs under the stub').toString('base64') },
  }));
  return (JSON.parse(fn) as { FunctionArn: string }).FunctionArn;
}

async function call(moto: MotoServer, service: string, path: string, contentType: string, body: string): Promise<string> {
  const response = await fetch(`${moto.endpoint}${path}`, {
    method: 'POST',
    headers: {
      'content-type': contentType,
      authorization: `AWS4-HMAC-SHA256 Credential=testing/20260101/${moto.region}/${service}/aws4_request, SignedHeaders=host, Signature=0`,
    },
    body,
  });
  const text = await response.text();
  if (!response.ok) throw new Error(`moto ${service} ${path} answered ${response.status}: ${text}`);
  return text;
}
