// The function of NodeSdkTest: one streaming handler (awslambda.streamifyResponse, as AWS's Node runtime
// interface client gives it), invoked with InvokeCommand and InvokeWithResponseStreamCommand.
'use strict';

const fs = require('fs');

function gateOpen(path) {
  return new Promise((resolve) => {
    const poll = () => (fs.existsSync(path) ? resolve() : setTimeout(poll, 20));
    poll();
  });
}

exports.stream = awslambda.streamifyResponse(async (event, responseStream) => {
  console.log(`handling ${event.mode}`);
  switch (event.mode) {
    case 'gated':
      responseStream.setContentType('text/plain');
      responseStream.write('first|');
      await gateOpen(event.gate);
      responseStream.write('second|');
      responseStream.end();
      return;
    case 'throw':
      responseStream.setContentType('text/plain');
      responseStream.write('partial|');
      await new Promise((resolve) => setTimeout(resolve, 50));
      throw new Error('the stream broke');
    default:
      responseStream.setContentType('application/json');
      responseStream.write(JSON.stringify({ echoed: event }));
      responseStream.end();
  }
});
