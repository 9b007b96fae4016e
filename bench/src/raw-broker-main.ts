import { createServer } from 'node:net';
import { Aedes } from 'aedes';
import { allDevicesTopic } from '#contracts';

/**
 * Raw broker reference (BENCHMARKS.md): the same aedes version as the service, no authentication, no ACL,
 * and an in-process subscriber that acknowledges every message at once. The generator and the workload are
 * the service's, so the ratio isolates what validation, storage and durable acknowledgement cost.
 * Usage: node raw-broker-main.js <port>; sends {ready: port} on the IPC channel once listening.
 */
const port = Number(process.argv[2] ?? 0);
const broker = await Aedes.createBroker();
await new Promise<void>((resolve) =>
  broker.subscribe(allDevicesTopic('telemetry'), (_packet, done) => done(), resolve),
);
const server = createServer((socket) => {
  socket.setNoDelay(true);
  broker.handle(socket);
});
server.listen(port, '127.0.0.1', () => {
  const address = server.address();
  process.send?.({ ready: typeof address === 'object' && address ? address.port : port });
});
const shutdown = (): void => {
  server.close();
  broker.close(() => process.exit(0));
  setTimeout(() => process.exit(0), 2000).unref();
};
process.on('SIGTERM', shutdown);
process.on('disconnect', shutdown);
