import { createServer, Server, Socket } from 'node:net';
import { Turns } from 'src/common/turns';

describe('work done in turns', () => {
  let server: Server;
  let client: Socket;
  beforeAll(async () => {
    server = createServer((socket) => socket.on('data', (data) => socket.write(data)));
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const { port } = server.address() as { port: number };
    client = await new Promise<Socket>((resolve) => {
      const socket = new Socket();
      socket.connect(port, '127.0.0.1', () => resolve(socket));
    });
  });
  afterAll(async () => {
    client.destroy();
    await new Promise((resolve) => server.close(resolve));
  });

  it('lets a request that arrives during long work be answered before the work ends', async () => {
    const order: string[] = [];
    client.once('data', () => order.push('answered'));
    client.write('ping');
    // work that keeps the thread for 20 turns (at most 2 s), pausing whenever a turn is due
    const turns = new Turns();
    let pauses = 0;
    for (const started = performance.now(); pauses < 20 && performance.now() - started < 2000;) {
      if (turns.due()) {
        await turns.pause();
        pauses++;
      }
    }
    order.push('work done');
    expect(order[0]).toBe('answered');
  });
});
