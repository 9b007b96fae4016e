import { LoadGenerator, type GeneratorOptions } from './generator.js';

/**
 * The generator as its own process (BENCHMARKS.md: separate from the service, so its CPU is measured
 * apart). Driven by the runner over the fork IPC channel; reports a tick every second.
 */
export type GeneratorRequest =
  | { id: number; op: 'init'; options: GeneratorOptions }
  | { id: number; op: 'rate'; stepId: string; rate: number }
  | { id: number; op: 'stop' }
  | { id: number; op: 'summary' }
  | { id: number; op: 'exit' };

export type GeneratorMessage =
  | { ev: 'reply'; id: number; data?: unknown; error?: string }
  | { ev: 'tick'; tick: ReturnType<LoadGenerator['tick']> };

let generator: LoadGenerator | null = null;
let ticker: NodeJS.Timeout | null = null;

function send(message: GeneratorMessage): void {
  process.send?.(message);
}

async function handle(req: GeneratorRequest): Promise<unknown> {
  switch (req.op) {
    case 'init': {
      generator = new LoadGenerator(req.options);
      const g = generator;
      ticker = setInterval(() => send({ ev: 'tick', tick: g.tick() }), 1000);
      return g.connectAll();
    }
    case 'rate':
      need().setRate(req.stepId, req.rate);
      return undefined;
    case 'stop':
      need().stop();
      return undefined;
    case 'summary':
      return need().summary();
    case 'exit':
      if (ticker) clearInterval(ticker);
      generator?.close();
      setTimeout(() => process.exit(0), 50);
      return undefined;
  }
}

function need(): LoadGenerator {
  if (!generator) throw new Error('generator not initialised');
  return generator;
}

process.on('message', (req: GeneratorRequest) => {
  handle(req).then(
    (data) => send({ ev: 'reply', id: req.id, data }),
    (err: unknown) =>
      send({ ev: 'reply', id: req.id, error: err instanceof Error ? err.message : String(err) }),
  );
});
process.on('disconnect', () => process.exit(0));
