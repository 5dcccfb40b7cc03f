// NodeSdkTest's invoker: the AWS SDK for JavaScript v3 as an application uses it, pointed at the daemon. Prints one
// JSON line per fact as it happens: the response, each PayloadChunk, the InvokeComplete, or the error.
// usage: node client.mjs <endpoint> invoke|stream <payload> [Tail]
import { LambdaClient, InvokeCommand, InvokeWithResponseStreamCommand } from '@aws-sdk/client-lambda';

const [, , endpoint, command, payload, logType] = process.argv;
const client = new LambdaClient({
  endpoint,
  region: 'us-east-1',
  credentials: { accessKeyId: 'x', secretAccessKey: 'y' },
  maxAttempts: 1,
});
const print = (fact) => process.stdout.write(JSON.stringify(fact) + '\n');
const text = (bytes) => Buffer.from(bytes ?? []).toString('utf8');

try {
  const input = { FunctionName: 'my-function', Payload: Buffer.from(payload), LogType: logType || 'None' };
  if (command === 'invoke') {
    const r = await client.send(new InvokeCommand(input));
    print({
      statusCode: r.StatusCode, executedVersion: r.ExecutedVersion ?? null, functionError: r.FunctionError ?? null,
      payload: text(r.Payload), logResult: r.LogResult ?? null,
    });
  } else {
    const r = await client.send(new InvokeWithResponseStreamCommand(input));
    print({ statusCode: r.StatusCode, executedVersion: r.ExecutedVersion ?? null, contentType: r.ResponseStreamContentType ?? null });
    for await (const event of r.EventStream) {
      if (event.PayloadChunk) {
        print({ chunk: text(event.PayloadChunk.Payload) });
      }
      if (event.InvokeComplete) {
        print({ complete: event.InvokeComplete });
      }
    }
  }
} catch (e) {
  print({ error: e.name, message: e.message, status: e.$metadata?.httpStatusCode ?? null });
}
