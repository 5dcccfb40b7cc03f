// A subscriber's listener on Node.js's own HTTP server, run by the bash subscriber as
//   node node-listener.js HTTP <batches> <port file> none
// Each batch is appended to <batches> as one line before it is answered; each connection the daemon opens adds a
// line to <batches>.connections. Its answers take turns: chunks on a kept connection; a length, after which the server
// closes the connection as it would an idle one; a length with Connection: close.
'use strict';
const fs = require('fs');
const http = require('http');

const [, , protocol, batches, portFile] = process.argv;
if (protocol !== 'HTTP') {
  throw new Error('only HTTP: ' + protocol);
}
let requests = 0;
const server = http.createServer((req, res) => {
  const chunks = [];
  req.on('data', (c) => chunks.push(c));
  req.on('end', () => {
    const body = Buffer.concat(chunks).toString('utf8');
    const type = req.headers['content-type'];
    if (req.method !== 'POST' || type !== 'application/json' || !req.headers.host) {
      res.writeHead(400, { 'Content-Type': 'text/plain' });
      res.end(`unexpected ${req.method} ${type} ${req.headers.host}`);
      return;
    }
    // a JSON text has newlines only between its tokens: one line per batch keeps it whole
    fs.appendFileSync(batches, body.replace(/[\r\n]/g, ' ') + '\n');
    const n = ++requests;
    if (n % 3 === 0) {
      res.writeHead(200, { 'Content-Type': 'text/plain' });
      res.write('o');
      res.end('k');
    } else if (n % 3 === 1) {
      // the answer keeps the connection, which the server then closes as it would an idle one
      res.writeHead(200, { 'Content-Type': 'text/plain', 'Content-Length': 2 });
      res.on('finish', () => setImmediate(() => req.socket.destroy()));
      res.end('ok');
    } else {
      res.writeHead(200, { 'Content-Type': 'text/plain', 'Content-Length': 2, Connection: 'close' });
      res.end('ok');
    }
  });
});
server.on('connection', () => fs.appendFileSync(batches + '.connections', 'connection\n'));
server.listen(0, '127.0.0.1', () => {
  const tmp = portFile + '.tmp';
  fs.writeFileSync(tmp, String(server.address().port));
  fs.renameSync(tmp, portFile);
});
