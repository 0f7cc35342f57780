import { expect } from '@open-wc/testing';
import type { Statement } from '@xapi/xapi';
import { Lrs } from '../../src/tracking/lrs.js';
import { Outbox } from '../../src/tracking/outbox.js';
import { memoryStorage, until } from '../integration/harness.js';
import { lrsLog, lrsUrl, setFault, statementsOf, uuid, XAPI_AUTH } from '../integration/lrs-client.js';

function statements(registration: string, count: number, from = 0): Statement[] {
  return Array.from({ length: count }, (_, i) => ({
    id: uuid(),
    actor: { objectType: 'Agent', mbox: 'mailto:outbox@example.org' },
    verb: { id: 'http://adlnet.gov/expapi/verbs/experienced', display: { 'en-US': 'experienced' } },
    object: { objectType: 'Activity', id: `https://example.org/outbox/${from + i}` },
    context: { registration },
    timestamp: new Date(Date.UTC(2026, 0, 1, 0, 0, from + i)).toISOString(),
  })) as Statement[];
}

async function outbox(storage = memoryStorage()) {
  const lrs = new Lrs({ endpoint: `${await lrsUrl()}/xapi/`, auth: XAPI_AUTH, timeoutMs: 400 });
  const box = new Outbox({ key: 'test', storage, transport: { send: (s) => lrs.sendStatements(s), sendNow: (s) => lrs.sendStatementsNow(s) }, retryMs: [50, 100] });
  return { box, storage };
}

describe('the statement outbox against the test LRS', () => {
  afterEach(() => setFault('none'));

  it('keeps statements through 500s, time-outs and dropped connections, then delivers each once, in order', async () => {
    const registration = uuid();
    const { box, storage } = await outbox();
    const sent = statements(registration, 9);
    await setFault('500', 2);
    box.add(sent.slice(0, 3));
    expect(JSON.parse(storage.getItem('test') ?? '[]')).to.have.length(3, 'stored before sending');
    await until(() => box.pending === 3 && box.lastError.includes('500'), 'a 500');
    await setFault('timeout', 2);
    box.add(sent.slice(3, 6));
    await until(() => box.lastError.includes('did not answer'), 'a time-out');
    await setFault('drop', 2);
    box.add(sent.slice(6));
    await until(() => box.pending === 0, 'an empty outbox', 20000);
    const stored = await statementsOf(registration);
    expect(stored.map((s) => s.id)).to.deep.equal(sent.map((s) => s.id));
    const delivered = (await lrsLog()).delivered.filter((id) => sent.some((s) => s.id === id));
    expect(delivered).to.deep.equal(sent.map((s) => s.id), 'each once, in order');
    expect(JSON.parse(storage.getItem('test') ?? '[]')).to.deep.equal([]);
  });

  it('sends what an earlier page left on the next launch', async () => {
    const registration = uuid();
    const storage = memoryStorage();
    await setFault('drop');
    const first = await outbox(storage);
    const sent = statements(registration, 4);
    first.box.add(sent);
    await until(() => first.box.lastError !== '', 'a failed send');
    await setFault('none');
    // A new page: a new outbox over the same storage (the old one is gone with its page).
    const second = await outbox(storage);
    expect(second.box.pending).to.equal(4);
    await second.box.flush();
    await until(() => second.box.pending === 0, 'the leftovers sent');
    expect((await statementsOf(registration)).map((s) => s.id)).to.deep.equal(sent.map((s) => s.id));
  });

  it('keeps a statement the LRS rejects as invalid aside and delivers the rest', async () => {
    const registration = uuid();
    const { box, storage } = await outbox();
    const [a, bad, c] = statements(registration, 3);
    const broken = { ...bad, verb: { id: 'not an iri' } } as Statement;
    box.add([a as Statement, broken, c as Statement]);
    await until(() => box.pending === 0, 'the outbox worked through');
    expect(box.rejected.map((s) => s.id)).to.deep.equal([broken.id]);
    expect(JSON.parse(storage.getItem('test:rejected') ?? '[]')).to.have.length(1);
    expect((await statementsOf(registration)).map((s) => s.id)).to.deep.equal([a?.id, c?.id]);
  });
});
